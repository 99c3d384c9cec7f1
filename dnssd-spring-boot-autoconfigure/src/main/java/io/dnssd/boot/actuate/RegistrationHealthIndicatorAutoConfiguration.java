package io.dnssd.boot.actuate;

import io.dnssd.boot.ConditionalOnDnsSdEnabled;
import io.dnssd.boot.registration.DnsSdServiceRegistry;
import io.dnssd.boot.registration.RegistrationAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link RegistrationHealthIndicator}, reported as
 * {@code dnssdRegistration}.
 */
@AutoConfiguration(after = RegistrationAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnDnsSdEnabled
@ConditionalOnBean(DnsSdServiceRegistry.class)
@ConditionalOnEnabledHealthIndicator("dnssdRegistration")
public final class RegistrationHealthIndicatorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "dnssdRegistrationHealthIndicator")
	RegistrationHealthIndicator dnssdRegistrationHealthIndicator(DnsSdServiceRegistry registry) {
		return new RegistrationHealthIndicator(registry);
	}

}
