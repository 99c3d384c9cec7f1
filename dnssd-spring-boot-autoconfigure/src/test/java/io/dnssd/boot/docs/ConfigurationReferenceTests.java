package io.dnssd.boot.docs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepository;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepositoryJsonBuilder;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ConfigurationReferenceTests {

	@Test
	void listsEveryPropertyOfTheMetadataWithItsTypeAndDefault() throws IOException {
		ConfigurationMetadataRepository metadata;
		try (InputStream json = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = ConfigurationMetadataRepositoryJsonBuilder.create().withJsonResource(json).build();
		}
		String markdown = new ConfigurationReference(metadata).markdown();
		assertThat(metadata.getAllProperties()).hasSizeGreaterThan(40);
		metadata.getAllProperties()
			.keySet()
			.stream()
			.filter((id) -> id.startsWith("dnssd."))
			.forEach((id) -> assertThat(markdown).contains("| `" + id + "` |"));
		assertThat(markdown).contains("| `dnssd.backend` | one of `mdns`, `dns`, `cloud-map` | `mdns` | ")
			.contains("## `dnssd.dns.update.tsig`")
			.contains("| `dnssd.mdns.max-query-interval` | `Duration` | `1m` |");
	}

	@Test
	void failsNamingAPropertyWithoutDescription() throws IOException {
		String json = """
				{"properties": [{"name": "dnssd.mystery", "type": "java.lang.String"}]}
				""";
		ConfigurationMetadataRepository metadata = ConfigurationMetadataRepositoryJsonBuilder.create()
			.withJsonResource(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))
			.build();
		assertThatIllegalStateException().isThrownBy(() -> new ConfigurationReference(metadata).markdown())
			.withMessageStartingWith("Property 'dnssd.mystery' has no description");
	}

}
