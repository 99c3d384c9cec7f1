package io.dnssd.boot.model;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class InstanceTests {

	@Test
	void rejectsOutOfRangeFieldsNamingThem() {
		assertThatIllegalArgumentException().isThrownBy(() -> instance(0, 0, 0)).withMessageContaining("port");
		assertThatIllegalArgumentException().isThrownBy(() -> instance(80, 65536, 0)).withMessageContaining("priority");
		assertThatIllegalArgumentException().isThrownBy(() -> instance(80, 0, -1)).withMessageContaining("weight");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new Instance("i", " ", 80, false, 0, 0, Attributes.empty()))
			.withMessageContaining("Host of instance 'i'");
	}

	@Test
	void isSecureFromTheSecureAttributeOrPort443() {
		assertThat(Instance.isSecure(Attributes.empty(), 443)).isTrue();
		assertThat(Instance.isSecure(Attributes.empty(), 8443)).isFalse();
		assertThat(Instance.isSecure(Attributes.of(Map.of("secure", "true")), 8443)).isTrue();
		assertThat(Instance.isSecure(Attributes.of(Map.of("Secure", "false")), 443)).isFalse();
	}

	private static Instance instance(int port, int priority, int weight) {
		return new Instance("i", "127.0.0.1", port, false, priority, weight, Attributes.empty());
	}

}
