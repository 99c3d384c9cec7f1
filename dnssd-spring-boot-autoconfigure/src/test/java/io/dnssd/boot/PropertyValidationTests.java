package io.dnssd.boot;

import io.dnssd.boot.dns.DnsAutoConfiguration;
import io.dnssd.boot.dns.DnsRegistrationAutoConfiguration;
import io.dnssd.boot.registration.RegistrationAutoConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values that would fail later or silently fail startup instead, naming the property.
 */
class PropertyValidationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DnsSdSchedulerAutoConfiguration.class, DnsAutoConfiguration.class,
				DnsRegistrationAutoConfiguration.class, RegistrationAutoConfiguration.class))
		.withPropertyValues("dnssd.backend=dns", "spring.application.name=calc", "dnssd.domain=example.test",
				"dnssd.dns.servers=127.0.0.1:5300", "dnssd.dns.update.server=127.0.0.1:5300",
				"dnssd.registration.address=127.0.0.1");

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			dnssd.ttl=0s                                | dnssd.ttl
			dnssd.ttl=-5s                               | dnssd.ttl
			dnssd.dns.timeout=0s                        | dnssd.dns.timeout
			dnssd.dns.max-concurrent-queries=0          | dnssd.dns.max-concurrent-queries
			dnssd.registration.health.interval=0s       | dnssd.registration.health.interval
			dnssd.registration.drain=-1s                | dnssd.registration.drain
			dnssd.registration.refresh=-1s              | dnssd.registration.refresh
			dnssd.domain=services example.com           | dnssd.domain
			dnssd.domain=a.example.com,b.example.com    | dnssd.domain
			dnssd.domain=https://services.example.com   | dnssd.domain
			""")
	void aValueThatCannotWorkFailsStartupNamingTheProperty(String setting, String property) {
		this.runner.withPropertyValues(setting)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("Property " + property + " "));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			dnssd.domain=services.example.com.
			dnssd.domain=svc.cluster.local
			dnssd.registration.drain=0s
			dnssd.registration.refresh=0s
			dnssd.ttl=1s
			""")
	void aValueThatWorksIsAccepted(String setting) {
		this.runner.withPropertyValues(setting).run((context) -> assertThat(context).hasNotFailed());
	}

}
