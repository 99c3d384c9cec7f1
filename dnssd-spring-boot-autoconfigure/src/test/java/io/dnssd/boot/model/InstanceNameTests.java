package io.dnssd.boot.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InstanceNameTests {

	@Test
	void escapesDotsSpacesAndBackslashesSoTheNameStaysOneLabel() throws Exception {
		InstanceName name = new InstanceName("Calc on host 1.2 \\ (α)");
		Name dnsName = Name.fromString(name.toEscapedLabel() + "._calc._tcp.example.com.");
		assertThat(dnsName.labels()).isEqualTo(6);
		byte[] label = dnsName.getLabel(0);
		assertThat(InstanceName.decode(Arrays.copyOfRange(label, 1, label.length)))
			.isEqualTo("Calc on host 1.2 \\ (α)");
	}

	@Test
	void acceptsSixtyThreeBytesOfUtf8() {
		String name = "é".repeat(31) + "x";
		assertThat(name.getBytes(StandardCharsets.UTF_8)).hasSize(63);
		assertThat(new InstanceName(name).value()).isEqualTo(name);
	}

	@Test
	void rejectsSixtyFourBytesNamingTheLength() {
		assertThatIllegalArgumentException().isThrownBy(() -> new InstanceName("é".repeat(32)))
			.withMessageContaining("64 bytes");
	}

	@Test
	void rejectsControlCharactersAndEmptyNames() {
		assertThatIllegalArgumentException().isThrownBy(() -> new InstanceName("a\tb"))
			.withMessageContaining("control character at position 2");
		assertThatIllegalArgumentException().isThrownBy(() -> new InstanceName(""));
	}

}
