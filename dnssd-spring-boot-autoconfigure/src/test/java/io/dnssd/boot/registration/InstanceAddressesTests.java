package io.dnssd.boot.registration;

import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.cloud.commons.util.InetUtils;
import org.springframework.cloud.commons.util.InetUtilsProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class InstanceAddressesTests {

	private final InetUtils inetUtils = new InetUtils(new InetUtilsProperties());

	@Test
	void configuredAddressWinsEvenWhenPublic() {
		assertThat(InstanceAddresses.choose("203.0.113.7", Optional::empty, Optional::empty, this.inetUtils)
			.getHostAddress()).isEqualTo("203.0.113.7");
	}

	@Test
	void ecsAwsvpcAddressComesNext() {
		EcsTaskMetadata ecs = new EcsTaskMetadata(Optional.of("10.1.2.3"), Map.of());
		assertThat(InstanceAddresses.choose(null, () -> Optional.of(ecs), Optional::empty, this.inetUtils)
			.getHostAddress()).isEqualTo("10.1.2.3");
	}

	@Test
	void theRegistrarsAddressComesAfterEcsAndBeforeTheNetworkScan() throws Exception {
		InetAddress loopback = InetAddress.getByName("127.0.0.1");
		EcsTaskMetadata ecs = new EcsTaskMetadata(Optional.of("10.1.2.3"), Map.of());
		assertThat(InstanceAddresses.choose(null, Optional::empty, () -> Optional.of(loopback), this.inetUtils))
			.isEqualTo(loopback);
		assertThat(InstanceAddresses.choose(null, () -> Optional.of(ecs), () -> Optional.of(loopback), this.inetUtils)
			.getHostAddress()).isEqualTo("10.1.2.3");
	}

	@Test
	void aServerAddressThatNamesOneAddressIsTheBoundAddress() {
		assertThat(InstanceAddresses.boundAddress("127.0.0.1")).isEqualTo("127.0.0.1");
		assertThat(InstanceAddresses.boundAddress("localhost")).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
		assertThat(InstanceAddresses.boundAddress("0.0.0.0")).isNull();
		assertThat(InstanceAddresses.boundAddress("::")).isNull();
		assertThat(InstanceAddresses.boundAddress(null)).isNull();
	}

	@Test
	void aHostNameIsNotAnAddress() {
		assertThatExceptionOfType(InvalidConfigurationPropertyValueException.class).isThrownBy(
				() -> InstanceAddresses.choose("calc.example.com", Optional::empty, Optional::empty, this.inetUtils))
			.withMessageContaining("dnssd.registration.address");
	}

	@Test
	void privateLoopbackLinkLocalAndSharedAddressesArePrivate() throws Exception {
		for (String address : new String[] { "10.0.0.1", "172.16.5.4", "192.168.1.1", "127.0.0.1", "169.254.1.1",
				"100.64.0.1", "::1", "fd00::1", "fe80::1" }) {
			assertThat(InstanceAddresses.isPrivate(InetAddress.getByName(address))).as(address).isTrue();
		}
		for (String address : new String[] { "8.8.8.8", "100.128.0.1", "2001:db8::1" }) {
			assertThat(InstanceAddresses.isPrivate(InetAddress.getByName(address))).as(address).isFalse();
		}
	}

}
