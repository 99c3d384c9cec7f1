package io.dnssd.boot.registration;

import io.dnssd.boot.DnsSdSchedulerAutoConfiguration;
import io.dnssd.boot.actuate.RegistrationHealthIndicator;
import io.dnssd.boot.actuate.RegistrationHealthIndicatorAutoConfiguration;
import io.dnssd.boot.dns.DnsAutoConfiguration;
import io.dnssd.boot.dns.DnsRegistrationAutoConfiguration;
import io.dnssd.boot.model.Registrar;
import io.dnssd.boot.model.ServiceRegistration;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Resolver;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.commons.util.InetUtils;
import org.springframework.cloud.commons.util.InetUtilsProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RegistrationAutoConfigurationTests {

	private static final String SECRET = "c2VjcmV0LXRoYXQtbXVzdC1uZXZlci1iZS1sb2dnZWQ=";

	private final ApplicationContextRunner withoutAddress = new ApplicationContextRunner()
		.withPropertyValues("dnssd.backend=dns")
		.withConfiguration(AutoConfigurations.of(DnsSdSchedulerAutoConfiguration.class, DnsAutoConfiguration.class,
				DnsRegistrationAutoConfiguration.class, RegistrationAutoConfiguration.class,
				RegistrationHealthIndicatorAutoConfiguration.class))
		.withPropertyValues("spring.application.name=calc", "dnssd.domain=example.test",
				"dnssd.dns.servers=127.0.0.1:5300", "dnssd.dns.update.server=127.0.0.1:5300");

	private final ApplicationContextRunner runner = this.withoutAddress
		.withPropertyValues("dnssd.registration.address=127.0.0.1");

	@Test
	void registersTheAddressTheWebServerIsBoundTo() {
		this.withoutAddress.withPropertyValues("server.address=127.0.0.2")
			.run((context) -> assertThat(context.getBean(DnsSdRegistration.class).bind(8080).instance().value())
				.isEqualTo("calc-127-0-0-2-8080"));
	}

	@Test
	void theConfiguredAddressWinsOverTheBoundAddress() {
		this.runner.withPropertyValues("server.address=127.0.0.2")
			.run((context) -> assertThat(context.getBean(DnsSdRegistration.class).bind(8080).instance().value())
				.isEqualTo("calc-127-0-0-1-8080"));
	}

	@Test
	void registersThroughRfc2136ByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(DnsSdServiceRegistry.class)
				.hasSingleBean(DnsSdAutoServiceRegistration.class)
				.hasSingleBean(RegistrationLifecycleListener.class)
				.hasSingleBean(RegistrationHealthIndicator.class);
			assertThat(context.getBean(Registrar.class).description())
				.isEqualTo("RFC 2136 updates of zone example.test., unsigned");
			ServiceRegistration registration = context.getBean(DnsSdRegistration.class).bind(8080);
			assertThat(registration.instance().value()).isEqualTo("calc-127-0-0-1-8080");
		});
	}

	@Test
	void customizersChangeTheRegistrationInOrderOnceThePortIsKnown() {
		this.runner.withPropertyValues("dnssd.registration.stage=prod")
			.withBean("first", DnsSdRegistrationCustomizer.class,
					() -> (registration) -> registration.withAttribute("port-seen",
							Integer.toString(registration.port())))
			.withBean("second", DnsSdRegistrationCustomizer.class,
					() -> (registration) -> registration.withPriorityAndWeight(5, 20))
			.run((context) -> {
				ServiceRegistration registration = context.getBean(DnsSdRegistration.class).bind(8080);
				assertThat(registration.attributes().get("port-seen").orElseThrow().value()).isEqualTo("8080");
				assertThat(registration.attributes().get("stage").orElseThrow().value()).isEqualTo("prod");
				assertThat(registration.priority()).isEqualTo(5);
				assertThat(registration.weight()).isEqualTo(20);
			});
	}

	@Test
	void aCustomizedAttributeTheRegistryCannotHoldFailsTheBinding() {
		this.runner
			.withBean(DnsSdRegistrationCustomizer.class,
					() -> (registration) -> registration.withAttribute("big", "x".repeat(300)))
			.run((context) -> assertThatIllegalStateException()
				.isThrownBy(() -> context.getBean(DnsSdRegistration.class).bind(8080))
				.withMessageContaining("DnsSdRegistrationCustomizer")
				.withMessageContaining("'big'"));
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withPropertyValues("dnssd.registration.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(Registrar.class)
				.doesNotHaveBean(DnsSdServiceRegistry.class));
	}

	@Test
	void backsOffWhenTheServiceRegistryIsDisabled() {
		this.runner.withPropertyValues("spring.cloud.service-registry.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DnsSdServiceRegistry.class)
				.doesNotHaveBean(DnsSdAutoServiceRegistration.class));
	}

	@Test
	void backsOffWhenSpringCloudAutoRegistrationIsDisabled() {
		this.runner.withPropertyValues("spring.cloud.service-registry.auto-registration.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DnsSdServiceRegistry.class));
	}

	@Test
	void backsOffWithoutANameToRegisterUnder() {
		new ApplicationContextRunner().withPropertyValues("dnssd.backend=dns")
			.withConfiguration(AutoConfigurations.of(DnsSdSchedulerAutoConfiguration.class, DnsAutoConfiguration.class,
					DnsRegistrationAutoConfiguration.class, RegistrationAutoConfiguration.class))
			.withPropertyValues("dnssd.domain=example.test", "dnssd.dns.servers=127.0.0.1:5300")
			.run((context) -> assertThat(context).hasSingleBean(Registrar.class)
				.doesNotHaveBean(DnsSdServiceRegistry.class));
	}

	@Test
	void backsOffWithoutAZone() {
		new ApplicationContextRunner().withPropertyValues("dnssd.backend=dns")
			.withConfiguration(AutoConfigurations.of(DnsSdSchedulerAutoConfiguration.class, DnsAutoConfiguration.class,
					DnsRegistrationAutoConfiguration.class, RegistrationAutoConfiguration.class))
			.withPropertyValues("spring.application.name=calc", "dnssd.dns.servers=127.0.0.1:5300")
			.run((context) -> assertThat(context).doesNotHaveBean(Registrar.class)
				.doesNotHaveBean(DnsSdServiceRegistry.class));
	}

	@Test
	void backsOffWithoutDnsjava() {
		this.runner.withClassLoader(new FilteredClassLoader(Resolver.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DnsSdServiceRegistry.class));
	}

	@Test
	void aServiceNameDnsCannotCarryFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("spring.application.name=my_calc_service")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("spring.application.name")
				.hasMessageContaining("'my_calc_service'"));
		this.runner.withPropertyValues("dnssd.registration.service-name=calculator-service-v2")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("dnssd.registration.service-name")
				.hasMessageContaining("21 characters"));
	}

	@Test
	void anInstanceIdLongerThanALabelFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("dnssd.registration.instance-id=" + "x".repeat(64))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("dnssd.registration.instance-id")
				.hasMessageContaining("64 bytes"));
	}

	@Test
	void aMetadataKeyTxtCannotCarryFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("dnssd.registration.metadata[clé]=c")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("dnssd.registration.metadata.clé")
				.hasMessageContaining("not printable US-ASCII"));
		this.runner.withPropertyValues("dnssd.registration.metadata.long=" + "x".repeat(260))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("dnssd.registration.metadata.long")
				.hasMessageContaining("265 bytes"));
	}

	@Test
	void anUnknownTsigAlgorithmFailsStartupNamingTheProperty() {
		this.runner
			.withPropertyValues("dnssd.dns.update.tsig.name=app", "dnssd.dns.update.tsig.secret=" + SECRET,
					"dnssd.dns.update.tsig.algorithm=hmac-md5")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("dnssd.dns.update.tsig.algorithm")
				.hasMessageContaining("hmac-sha256"));
	}

	@Test
	void aSecretThatIsNotBase64FailsStartupWithoutShowingIt() {
		this.runner.withPropertyValues("dnssd.dns.update.tsig.name=app", "dnssd.dns.update.tsig.secret=not*base64!")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("dnssd.dns.update.tsig.secret")
				.hasMessageContaining("'app'")
				.hasMessageNotContaining("not*base64!"));
	}

	@Test
	void aSignedRegistrarNamesItsKeyButNotItsSecret() {
		this.runner.withPropertyValues("dnssd.dns.update.tsig.name=app", "dnssd.dns.update.tsig.secret=" + SECRET)
			.run((context) -> assertThat(context.getBean(Registrar.class).description())
				.contains("TSIG key 'app' (hmac-sha256)")
				.doesNotContain(SECRET));
	}

	@Test
	void aPublicAddressIsNotChosenByDefault() {
		this.withoutAddress.withBean(InetUtils.class, () -> scanFinding("203.0.113.7"))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("dnssd.registration.address")
				.hasMessageContaining("203.0.113.7, is public"));
		this.withoutAddress.withBean(InetUtils.class, () -> scanFinding("10.1.2.3"))
			.run((context) -> assertThat(context.getBean(DnsSdRegistration.class).bind(8080).address().getHostAddress())
				.isEqualTo("10.1.2.3"));
	}

	@Test
	void anAddressThatIsNotOneFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("dnssd.registration.address=300.1.1.1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("dnssd.registration.address")
				.hasMessageContaining("not an IP address"));
	}

	/**
	 * Spring Cloud's network scan as it would run on a host whose first address is the
	 * given one.
	 */
	private static InetUtils scanFinding(String address) {
		return new InetUtils(new InetUtilsProperties()) {

			@Override
			public HostInfo findFirstNonLoopbackHostInfo() {
				HostInfo info = new HostInfo();
				info.setIpAddress(address);
				info.setHostname(address);
				return info;
			}

		};
	}

	@Test
	void priorityOutOfRangeFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("dnssd.registration.priority=70000")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("dnssd.registration.priority"));
	}

}
