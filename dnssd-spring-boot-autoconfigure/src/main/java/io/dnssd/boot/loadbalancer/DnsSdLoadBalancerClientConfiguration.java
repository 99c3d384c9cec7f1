package io.dnssd.boot.loadbalancer;

import io.dnssd.boot.discovery.InstanceCache;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ReactorLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Configuration of each load-balanced client's child context: instances from the
 * {@link InstanceCache}, less the instances outlier ejection left out, passed through
 * Spring Cloud's hint filter and the filter that
 * {@code spring.cloud.loadbalancer.configurations} selects (zone preference, API version,
 * ...), then chosen by SRV priority and weight, as {@code dnssd.loadbalancer.choice}
 * says. A user's own {@code @LoadBalancerClient} configuration for a service takes
 * precedence.
 */
@Configuration(proxyBeanMethods = false)
public class DnsSdLoadBalancerClientConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ServiceInstanceListSupplier dnssdServiceInstanceListSupplier(ConfigurableApplicationContext context,
			InstanceCache cache, ObjectProvider<OutlierDetectors> detectors) {
		return ServiceInstanceListSupplierChain.build(context, cache, detectors.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	ReactorLoadBalancer<ServiceInstance> dnssdLoadBalancer(Environment environment,
			LoadBalancerClientFactory clientFactory, LoadBalancerProperties properties, InFlightRequests inFlight,
			SlowStarts slowStarts) {
		String serviceId = serviceId(environment);
		return new PriorityWeightedLoadBalancer(
				clientFactory.getLazyProvider(serviceId, ServiceInstanceListSupplier.class), serviceId,
				properties.choiceOf(serviceId), inFlight, slowStarts.of(serviceId));
	}

	private static String serviceId(Environment environment) {
		return environment.getRequiredProperty(LoadBalancerClientFactory.PROPERTY_NAME);
	}

}
