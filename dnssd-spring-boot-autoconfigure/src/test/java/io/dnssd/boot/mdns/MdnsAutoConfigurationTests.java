package io.dnssd.boot.mdns;

import java.util.Optional;

import io.dnssd.boot.DnsSdSchedulerAutoConfiguration;
import io.dnssd.boot.dns.DnsAutoConfiguration;
import io.dnssd.boot.model.InstanceSource;
import io.dnssd.boot.model.Registrar;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class MdnsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations
		.of(DnsSdSchedulerAutoConfiguration.class, MdnsAutoConfiguration.class, DnsAutoConfiguration.class));

	@Test
	void multicastDnsIsTheDefaultBackend() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(MdnsEngine.class);
			assertThat(context.getBean(InstanceSource.class)).isInstanceOf(MdnsInstanceSource.class);
			assertThat(context.getBean(Registrar.class)).isInstanceOf(MdnsRegistrar.class);
			assertThat(context.getBean(InstanceSource.class).description()).contains("[lo]", "224.0.0.251");
		});
	}

	@Test
	void theLoopbackAddressIsRegisteredByDefault() {
		this.runner
			.run((context) -> assertThat(Optional.ofNullable(context.getBean(Registrar.class).traits().localAddress()))
				.hasValueSatisfying((address) -> assertThat(address.isLoopbackAddress()).isTrue()));
	}

	@Test
	void nothingIsOpenedUntilTheFirstLookupOrRegistration() {
		this.runner.run((context) -> assertThat(context.getBean(MdnsEngine.class).isOpen()).isFalse());
	}

	@Test
	void anUnknownInterfaceFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("dnssd.mdns.interfaces=nosuch0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("dnssd.mdns.interfaces")
				.hasMessageContaining("nosuch0"));
	}

	@Test
	void aDomainOtherThanLocalFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("dnssd.domain=example.com")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("dnssd.domain")
				.hasMessageContaining("local"));
	}

	@Test
	void aQueryIntervalBelowOneSecondFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("dnssd.mdns.max-query-interval=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("dnssd.mdns.max-query-interval"));
	}

	@Test
	void aNegativeInitialWaitFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("dnssd.mdns.initial-wait=-1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("dnssd.mdns.initial-wait"));
	}

	@Test
	void localIsAcceptedAsTheDomain() {
		this.runner.withPropertyValues("dnssd.domain=local.").run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void theOtherBackendsTurnItOff() {
		this.runner.withPropertyValues("dnssd.backend=dns")
			.run((context) -> assertThat(context).doesNotHaveBean(MdnsEngine.class));
	}

	@Test
	void registrationCanBeTurnedOffAlone() {
		this.runner.withPropertyValues("dnssd.registration.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(InstanceSource.class).doesNotHaveBean(Registrar.class));
	}

}
