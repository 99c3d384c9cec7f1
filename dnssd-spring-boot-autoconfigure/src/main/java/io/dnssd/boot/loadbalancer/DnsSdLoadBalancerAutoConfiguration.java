package io.dnssd.boot.loadbalancer;

import io.dnssd.boot.ConditionalOnDnsSdEnabled;
import io.dnssd.boot.discovery.DiscoveryAutoConfiguration;
import io.dnssd.boot.discovery.InstanceCache;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;

/**
 * Auto-configuration that makes every Spring Cloud LoadBalancer client choose instances
 * from the {@link InstanceCache} by SRV priority and weight.
 */
@AutoConfiguration(after = DiscoveryAutoConfiguration.class,
		beforeName = "org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration")
@ConditionalOnClass(ReactorServiceInstanceLoadBalancer.class)
@ConditionalOnDnsSdEnabled
@ConditionalOnDnsSdLoadBalancerEnabled
@ConditionalOnBean(InstanceCache.class)
@LoadBalancerClients(defaultConfiguration = DnsSdLoadBalancerClientConfiguration.class)
public final class DnsSdLoadBalancerAutoConfiguration {

}
