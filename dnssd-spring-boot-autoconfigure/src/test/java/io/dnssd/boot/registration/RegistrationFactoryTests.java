package io.dnssd.boot.registration;

import java.net.InetAddress;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrationFactoryTests {

	@Test
	void registersTheListeningPortByDefault() {
		assertThat(factory(new RegistrationProperties(), Map.of()).create(8080).port()).isEqualTo(8080);
	}

	@Test
	void registersTheHostPortAnEcsBridgeMapsTheListeningPortTo() {
		assertThat(factory(new RegistrationProperties(), Map.of(8080, 32768)).create(8080).port()).isEqualTo(32768);
	}

	@Test
	void aConfiguredPortWinsOverTheMapping() {
		RegistrationProperties properties = new RegistrationProperties();
		properties.setPort(9000);
		assertThat(factory(properties, Map.of(8080, 32768)).create(8080).port()).isEqualTo(9000);
	}

	@Test
	void theDefaultInstanceIdNamesServiceAddressAndPort() {
		assertThat(factory(new RegistrationProperties(), Map.of()).create(8080).instance().value())
			.isEqualTo("calc-10-0-0-5-8080");
	}

	private static RegistrationFactory factory(RegistrationProperties properties, Map<Integer, Integer> hostPorts) {
		try {
			return new RegistrationFactory(properties, "calc", InetAddress.getByName("10.0.0.5"), null, hostPorts);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
