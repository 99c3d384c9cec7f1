package io.dnssd.boot.actuate;

import io.dnssd.boot.ConditionalOnDnsSdEnabled;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of {@link DiscoveryMetrics}, {@link RegistrationMetrics} and
 * {@link LoadBalancerMetrics} when Micrometer is present.
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

	/**
	 * Meters of the load balancer, where Spring Cloud LoadBalancer is present.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer")
	static class LoadBalancerMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		LoadBalancerMetrics dnssdLoadBalancerMetrics(MeterRegistry registry) {
			return new LoadBalancerMetrics(registry);
		}

	}

}
