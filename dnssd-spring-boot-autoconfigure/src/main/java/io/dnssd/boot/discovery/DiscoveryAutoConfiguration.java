package io.dnssd.boot.discovery;

import java.util.Map;

import io.dnssd.boot.ConditionalOnDnsSdEnabled;
import io.dnssd.boot.DnsSdScheduler;
import io.dnssd.boot.DnsSdSchedulerAutoConfiguration;
import io.dnssd.boot.model.InstanceSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.CommonsClientAutoConfiguration;
import org.springframework.cloud.client.ConditionalOnBlockingDiscoveryEnabled;
import org.springframework.cloud.client.ConditionalOnDiscoveryEnabled;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClientAutoConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@link InstanceCache}, on whichever {@link InstanceSource}
 * the selected backend provides, and of the blocking {@link DiscoveryClient} on top of it
 * unless {@code spring.cloud.discovery.blocking.enabled} is {@code false}. The cache also
 * serves the reactive client and the load balancer, so they work without the blocking
 * client.
 */
@AutoConfiguration(after = DnsSdSchedulerAutoConfiguration.class, afterName = {
		"io.dnssd.boot.dns.DnsAutoConfiguration", "io.dnssd.boot.cloudmap.CloudMapDiscoveryAutoConfiguration",
		"io.dnssd.boot.cloudmap.CloudMapDnsDiscoveryAutoConfiguration", "io.dnssd.boot.mdns.MdnsAutoConfiguration" },
		before = { SimpleDiscoveryClientAutoConfiguration.class, CommonsClientAutoConfiguration.class })
@ConditionalOnClass(DiscoveryClient.class)
@ConditionalOnDnsSdEnabled
@ConditionalOnDiscoveryEnabled
@ConditionalOnDnsSdDiscoveryEnabled
@ConditionalOnBean(InstanceSource.class)
@EnableConfigurationProperties(DiscoveryProperties.class)
public final class DiscoveryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	InstanceCache dnssdInstanceCache(InstanceSource source, DiscoveryProperties properties,
			ObjectProvider<InstanceCacheListener> listeners, DnsSdScheduler scheduler) {
		return new InstanceCache(source, cacheSettings(properties), (serviceId) -> filterOf(properties, serviceId),
				listeners.orderedStream().toList(), scheduler.taskScheduler(),
				new InstanceLimits(properties.getMaxInstances(), properties.getMaxAttributeBytes()));
	}

	@Bean
	@ConditionalOnMissingBean
	ServiceEnumerationCache dnssdServiceEnumerationCache(InstanceSource source, DiscoveryProperties properties,
			DnsSdScheduler scheduler) {
		return new ServiceEnumerationCache(source, cacheSettings(properties), scheduler.taskScheduler().getClock());
	}

	@Bean
	@ConditionalOnMissingBean
	HeartbeatPublisher dnssdHeartbeatPublisher(ApplicationEventPublisher publisher) {
		return new HeartbeatPublisher(publisher);
	}

	private static CacheSettings cacheSettings(DiscoveryProperties properties) {
		return new CacheSettings(properties.getMinTtl(), properties.getMaxTtl(), properties.getStaleIfError(),
				properties.getIdleTimeout());
	}

	private static InstanceFilter filterOf(DiscoveryProperties properties, String serviceId) {
		DiscoveryProperties.Service service = properties.getServices().get(serviceId);
		return InstanceFilter.of(properties.getFilters(), (service != null) ? service.getFilters() : Map.of());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBlockingDiscoveryEnabled
	static class BlockingDiscoveryClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DnsSdDiscoveryClient dnsSdDiscoveryClient(InstanceCache cache, ServiceEnumerationCache services,
				InstanceSource source, DiscoveryProperties properties) {
			return new DnsSdDiscoveryClient(cache, services, source, properties.getOrder());
		}

	}

}
