package io.dnssd.boot.model;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ServiceRegistrationTests {

	@Test
	void hostLabelKeepsLettersDigitsAndHyphensOnly() throws Exception {
		assertThat(registration("Calc One.primary (α)").hostLabel()).isEqualTo("calc-one-primary");
		assertThat(registration("calc-10-0-0-5-8080").hostLabel()).isEqualTo("calc-10-0-0-5-8080");
		assertThat(registration("...").hostLabel()).isEqualTo("instance");
	}

	@Test
	void rejectsAnOutOfRangePort() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ServiceRegistration(new ServiceName("calc"), new InstanceName("a"),
					InetAddress.getLoopbackAddress(), 0, 0, 0, Attributes.empty()))
			.withMessageContaining("port");
	}

	private static ServiceRegistration registration(String instance) throws Exception {
		return new ServiceRegistration(new ServiceName("calc"), new InstanceName(instance),
				InetAddress.getByName("10.0.0.5"), 8080, 0, 1, Attributes.empty());
	}

}
