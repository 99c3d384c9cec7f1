package io.dnssd.boot.actuate;

import io.dnssd.boot.DnsSdSchedulerAutoConfiguration;
import io.dnssd.boot.dns.DnsAutoConfiguration;
import io.dnssd.boot.dns.DnsRegistrationAutoConfiguration;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint.ConfigurationPropertiesBeanDescriptor;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class SecretSanitizingAutoConfigurationTests {

	private static final String SECRET = "c2VjcmV0LXRoYXQtbXVzdC1uZXZlci1iZS1zaG93bg==";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withPropertyValues("dnssd.backend=dns")
		.withConfiguration(
				AutoConfigurations.of(DnsSdSchedulerAutoConfiguration.class, SecretSanitizingAutoConfiguration.class,
						EndpointAutoConfiguration.class, EnvironmentEndpointAutoConfiguration.class,
						ConfigurationPropertiesReportEndpointAutoConfiguration.class, DnsAutoConfiguration.class,
						DnsRegistrationAutoConfiguration.class))
		.withPropertyValues("management.endpoint.env.show-values=always",
				"management.endpoint.configprops.show-values=always", "management.endpoints.jmx.exposure.include=*",
				"spring.jmx.enabled=true", "dnssd.domain=example.test", "dnssd.dns.servers=127.0.0.1:5300",
				"dnssd.dns.update.tsig.name=app", "dnssd.dns.update.tsig.secret=" + SECRET);

	@Test
	void theTsigSecretIsMaskedInEnvEvenWithShowValuesAlways() {
		this.runner.run((context) -> {
			Object value = context.getBean(EnvironmentEndpoint.class)
				.environmentEntry("dnssd.dns.update.tsig.secret")
				.getProperty()
				.getValue();
			assertThat(value).isEqualTo("******");
			Object name = context.getBean(EnvironmentEndpoint.class)
				.environmentEntry("dnssd.dns.update.tsig.name")
				.getProperty()
				.getValue();
			assertThat(name).isEqualTo("app");
		});
	}

	@Test
	void theSecretIsMaskedWhereverItStandsUnderAnotherName() {
		this.runner.withSystemProperties("sun.java.command=app.jar --dnssd.dns.update.tsig.secret=" + SECRET)
			.withPropertyValues("DNSSD_TSIG_SECRET=" + SECRET, "dnssd.dns.update.tsig.secret=${DNSSD_TSIG_SECRET}")
			.run((context) -> {
				EnvironmentEndpoint endpoint = context.getBean(EnvironmentEndpoint.class);
				assertThat(endpoint.environmentEntry("DNSSD_TSIG_SECRET").getProperty().getValue()).isEqualTo("******");
				assertThat(endpoint.environmentEntry("sun.java.command").getProperty().getValue()).isEqualTo("******");
				assertThat(endpoint.environmentEntry("dnssd.dns.update.tsig.name").getProperty().getValue())
					.isEqualTo("app");
			});
	}

	@Test
	void bothASecretAndASecretFileFailStartupWithoutShowingTheSecret() {
		this.runner.withPropertyValues("dnssd.dns.update.tsig.secret-file=/run/secrets/app.key").run((context) -> {
			assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("dnssd.dns.update.tsig.secret-file")
				.hasMessageContaining("not both");
			assertThat(context.getStartupFailure()).hasStackTraceContaining("not both");
			Throwable failure = context.getStartupFailure();
			while (failure != null) {
				assertThat(failure.getMessage()).doesNotContain(SECRET);
				failure = failure.getCause();
			}
		});
	}

	@Test
	void theTsigSecretIsMaskedInConfigpropsEvenWithShowValuesAlways() {
		this.runner.run((context) -> {
			ConfigurationPropertiesBeanDescriptor update = context.getBean(ConfigurationPropertiesReportEndpoint.class)
				.configurationPropertiesWithPrefix("dnssd.dns.update")
				.getContexts()
				.values()
				.iterator()
				.next()
				.getBeans()
				.values()
				.stream()
				.filter((bean) -> "dnssd.dns.update".equals(bean.getPrefix()))
				.findFirst()
				.orElseThrow();
			assertThat(update.getProperties().get("tsig")).asInstanceOf(InstanceOfAssertFactories.MAP)
				.containsEntry("name", "app")
				.containsEntry("secret", "******");
		});
	}

}
