package io.dnssd.boot.dns;

import java.nio.file.Files;
import java.nio.file.Path;

import io.dnssd.boot.dns.TsigKeys.TsigKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TsigKeysTests {

	private static final String SECRET = "2Mn2ITmKXMl3A0xv0OUzU7sjQ6Sa6TMxGFMp8xFWq0I=";

	@TempDir
	Path directory;

	@Test
	void noNameAndNoSecretMeansUnsigned() {
		assertThat(TsigKeys.from(new DnsUpdateProperties.Tsig())).isNull();
	}

	@Test
	void readsTheKeyClauseTsigKeygenWrites() throws Exception {
		Path file = this.directory.resolve("app.key");
		Files.writeString(file, "key \"app-key\" {\n\talgorithm hmac-sha512;\n\tsecret \"" + SECRET + "\";\n};\n");
		DnsUpdateProperties.Tsig tsig = new DnsUpdateProperties.Tsig();
		tsig.setSecretFile(file.toString());
		TsigKey key = TsigKeys.from(tsig);
		assertThat(key.name()).isEqualTo("app-key");
		assertThat(key.algorithm()).isEqualTo("hmac-sha512");
		assertThat(key).hasToString("TSIG key 'app-key' (hmac-sha512)");
	}

	@Test
	void aNameThatDisagreesWithTheFileIsAnError() throws Exception {
		Path file = this.directory.resolve("app.key");
		Files.writeString(file, "key app-key { algorithm hmac-sha256; secret \"" + SECRET + "\"; };");
		DnsUpdateProperties.Tsig tsig = new DnsUpdateProperties.Tsig();
		tsig.setSecretFile(file.toString());
		tsig.setName("other");
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> TsigKeys.from(tsig))
			.withMessageContaining("dnssd.dns.update.tsig.name")
			.withMessageContaining("'app-key'");
	}

	@Test
	void aFileWithoutAKeyClauseIsAnErrorNamingIt() throws Exception {
		Path file = this.directory.resolve("empty.key");
		Files.writeString(file, "# nothing here\n");
		DnsUpdateProperties.Tsig tsig = new DnsUpdateProperties.Tsig();
		tsig.setSecretFile(file.toString());
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> TsigKeys.from(tsig))
			.withMessageContaining("dnssd.dns.update.tsig.secret-file")
			.withMessageContaining("no 'key");
	}

	@Test
	void aSecretAndASecretFileTogetherAreAnError() throws Exception {
		Path file = this.directory.resolve("app.key");
		Files.writeString(file, "key app-key { algorithm hmac-sha256; secret \"" + SECRET + "\"; };");
		DnsUpdateProperties.Tsig tsig = new DnsUpdateProperties.Tsig();
		tsig.setSecretFile(file.toString());
		tsig.setSecret(SECRET);
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> TsigKeys.from(tsig))
			.withMessageContaining("dnssd.dns.update.tsig.secret-file")
			.withMessageNotContaining(SECRET);
	}

	@Test
	void aSecretWithoutANameIsAnError() {
		DnsUpdateProperties.Tsig tsig = new DnsUpdateProperties.Tsig();
		tsig.setSecret(SECRET);
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class)
			.isThrownBy(() -> TsigKeys.from(tsig))
			.withMessageContaining("dnssd.dns.update.tsig.name")
			.withMessageNotContaining(SECRET);
	}

}
