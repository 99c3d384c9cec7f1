package io.dnssd.boot.actuate;

import io.dnssd.boot.ConditionalOnDnsSdEnabled;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of {@link DiscoveryMetrics} and {@link RegistrationMetrics} when
 * Micrometer is present.
 */
@AutoConfiguration(
		beforeName = { "io.dnssd.boot.discovery.DiscoveryAutoConfiguration",
				"io.dnssd.boot.registration.RegistrationAutoConfiguration" },
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnDnsSdEnabled
@ConditionalOnBean(MeterRegistry.class)
public final class DnsSdMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DiscoveryMetrics dnssdDiscoveryMetrics(MeterRegistry registry) {
		return new DiscoveryMetrics(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	RegistrationMetrics dnssdRegistrationMetrics(MeterRegistry registry) {
		return new RegistrationMetrics(registry);
	}

}
