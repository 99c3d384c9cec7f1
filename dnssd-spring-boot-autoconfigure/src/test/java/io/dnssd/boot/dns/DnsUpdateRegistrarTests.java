package io.dnssd.boot.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import io.dnssd.boot.model.Attributes;
import io.dnssd.boot.model.InstanceName;
import io.dnssd.boot.model.RegistrationFailedException;
import io.dnssd.boot.model.ServiceName;
import io.dnssd.boot.model.ServiceRegistration;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DnsUpdateRegistrarTests {

	private static final Name ZONE = Name.fromConstantString("example.test.");

	@Test
	void anUpdateServerThatDoesNotAnswerIsNamedWithTheSettingThatChoosesIt() throws IOException {
		InetSocketAddress closed = closedPort();
		assertThatExceptionOfType(RegistrationFailedException.class)
			.isThrownBy(() -> registrar(closed, false).register(registration()))
			.withMessageContaining("did not answer")
			.withMessageContaining("the zone's SOA primary")
			.withMessageContaining("set dnssd.dns.update.server");
		assertThatExceptionOfType(RegistrationFailedException.class)
			.isThrownBy(() -> registrar(closed, true).register(registration()))
			.withMessageContaining("(dnssd.dns.update.server) did not answer");
	}

	private static DnsUpdateRegistrar registrar(InetSocketAddress server, boolean configured) {
		return new DnsUpdateRegistrar(ZONE, ZONE, null, null, Duration.ofSeconds(30), Duration.ofMillis(500),
				() -> server, configured);
	}

	private static ServiceRegistration registration() {
		return new ServiceRegistration(new ServiceName("calc"), new InstanceName("calc-1"),
				InetAddress.getLoopbackAddress(), 8080, 0, 1, Attributes.of(Map.of()));
	}

	private static InetSocketAddress closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
		}
	}

}
