package io.dnssd.boot.loadbalancer;

import io.dnssd.boot.ConditionalOnDnsSdEnabled;
import io.dnssd.boot.discovery.DiscoveryAutoConfiguration;
import io.dnssd.boot.discovery.InstanceCache;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration that makes every Spring Cloud LoadBalancer client choose instances
 * from the {@link InstanceCache} by SRV priority and weight, leaving out the instances
 * whose calls keep failing ({@link OutlierEjectionProperties}).
 */
@AutoConfiguration(after = DiscoveryAutoConfiguration.class,
		beforeName = "org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration")
@ConditionalOnClass(ReactorServiceInstanceLoadBalancer.class)
@ConditionalOnDnsSdEnabled
@ConditionalOnDnsSdLoadBalancerEnabled
@ConditionalOnBean(InstanceCache.class)
@LoadBalancerClients(defaultConfiguration = DnsSdLoadBalancerClientConfiguration.class)
@EnableConfigurationProperties({ LoadBalancerProperties.class, OutlierEjectionProperties.class })
public final class DnsSdLoadBalancerAutoConfiguration {

	@Bean
	InFlightRequests dnssdInFlightRequests() {
		return new InFlightRequests();
	}

	@Bean
	InFlightLifecycle dnssdInFlightLifecycle(InFlightRequests inFlight) {
		return new InFlightLifecycle(inFlight);
	}

	@Bean
	SlowStarts dnssdSlowStarts(LoadBalancerProperties properties) {
		return properties.newSlowStarts();
	}

	@Bean
	LoadBalancerState dnssdLoadBalancerState(InstanceCache cache, LoadBalancerProperties properties,
			ObjectProvider<OutlierDetectors> detectors, SlowStarts slowStarts, InFlightRequests inFlight) {
		return new LoadBalancerState(cache, properties, detectors.getIfAvailable(), slowStarts, inFlight,
				System::nanoTime);
	}

	/**
	 * Passive outlier ejection, unless
	 * {@code dnssd.loadbalancer.outlier-ejection.enabled} is {@code false}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "dnssd.loadbalancer.outlier-ejection.enabled", matchIfMissing = true)
	static class OutlierEjectionConfiguration {

		@Bean
		OutlierDetectors dnssdOutlierDetectors(OutlierEjectionProperties properties,
				ObjectProvider<OutlierEjectionListener> listeners) {
			return new OutlierDetectors(properties.toSettings(), System::nanoTime, listeners.orderedStream().toList());
		}

		@Bean
		OutlierEjectionLifecycle dnssdOutlierEjectionLifecycle(OutlierDetectors detectors,
				OutlierEjectionProperties properties) {
			return new OutlierEjectionLifecycle(detectors, properties.isServerErrors());
		}

	}

}
