package io.dnssd.boot.registration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

class EcsTaskMetadataTests {

	@Test
	void awsvpcTaskGivesTheContainersPrivateAddress() throws IOException {
		EcsTaskMetadata metadata = EcsTaskMetadata.parse(read("ecs/container-awsvpc.json"));
		assertThat(metadata.awsvpcAddress()).contains("192.0.2.3");
		assertThat(metadata.hostPorts()).isEmpty();
	}

	@Test
	void bridgeTaskGivesHostPortsButNoAddress() throws IOException {
		EcsTaskMetadata metadata = EcsTaskMetadata.parse(read("ecs/container-bridge.json"));
		assertThat(metadata.awsvpcAddress()).isEmpty();
		assertThat(metadata.hostPorts()).containsExactly(Map.entry(8080, 32768));
	}

	@Test
	void notOnEcsMeansNoMetadata() {
		assertThat(EcsTaskMetadata.fetch(Map.of())).isEmpty();
	}

	@Test
	void anUnreachableEndpointMeansNoMetadata() {
		assertThat(EcsTaskMetadata.fetch(Map.of(EcsTaskMetadata.URI_VARIABLE, "http://127.0.0.1:9/v4/abc"))).isEmpty();
	}

	private static String read(String path) throws IOException {
		return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
	}

}
