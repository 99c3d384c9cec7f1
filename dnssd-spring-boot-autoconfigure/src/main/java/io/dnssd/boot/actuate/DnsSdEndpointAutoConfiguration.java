package io.dnssd.boot.actuate;

import io.dnssd.boot.ConditionalOnDnsSdEnabled;
import io.dnssd.boot.loadbalancer.DnsSdLoadBalancerAutoConfiguration;
import io.dnssd.boot.loadbalancer.LoadBalancerState;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code dnssd} Actuator endpoint ({@link DnsSdEndpoint}) when
 * Actuator and the starter's load balancer are present. Like any endpoint it is exposed
 * over HTTP only when {@code management.endpoints.web.exposure.include} names it.
 */
@AutoConfiguration(after = DnsSdLoadBalancerAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, LoadBalancerState.class })
@ConditionalOnDnsSdEnabled
@ConditionalOnBean(LoadBalancerState.class)
public final class DnsSdEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DnsSdEndpoint dnssdEndpoint(LoadBalancerState state) {
		return new DnsSdEndpoint(state);
	}

}
