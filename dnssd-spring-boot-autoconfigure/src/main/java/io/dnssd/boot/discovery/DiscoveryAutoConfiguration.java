package io.dnssd.boot.discovery;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import io.dnssd.boot.ConditionalOnDnsSdEnabled;
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
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Auto-configuration of the blocking {@link DiscoveryClient} and the {@link InstanceCache}
 * behind it, on whichever {@link InstanceSource} the selected backend provides.
 */
@AutoConfiguration(afterName = { "io.dnssd.boot.dns.DnsAutoConfiguration",
		"io.dnssd.boot.cloudmap.CloudMapDiscoveryAutoConfiguration", "io.dnssd.boot.mdns.MdnsAutoConfiguration" },
		before = { SimpleDiscoveryClientAutoConfiguration.class, CommonsClientAutoConfiguration.class })
@ConditionalOnClass(DiscoveryClient.class)
@ConditionalOnDnsSdEnabled
@ConditionalOnDiscoveryEnabled
@ConditionalOnBlockingDiscoveryEnabled
@ConditionalOnDnsSdDiscoveryEnabled
@ConditionalOnBean(InstanceSource.class)
@EnableConfigurationProperties(DiscoveryProperties.class)
public final class DiscoveryAutoConfiguration {

	private static final int REFRESH_THREADS = 2;

	@Bean
	@ConditionalOnMissingBean
	InstanceCache dnssdInstanceCache(InstanceSource source, DiscoveryProperties properties,
			ObjectProvider<InstanceCacheListener> listeners) {
		CacheSettings settings = new CacheSettings(properties.getMinTtl(), properties.getMaxTtl(),
				properties.getStaleIfError(), properties.getIdleTimeout());
		CustomizableThreadFactory threads = new CustomizableThreadFactory("dnssd-refresh-");
		threads.setDaemon(true);
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(REFRESH_THREADS, threads);
		scheduler.setRemoveOnCancelPolicy(true);
		return new InstanceCache(source, settings, (serviceId) -> filterOf(properties, serviceId),
				listeners.orderedStream().toList(), Clock.systemUTC(), scheduler);
	}

	@Bean
	@ConditionalOnMissingBean
	HeartbeatPublisher dnssdHeartbeatPublisher(ApplicationEventPublisher publisher) {
		return new HeartbeatPublisher(publisher);
	}

	@Bean
	@ConditionalOnMissingBean
	DnsSdDiscoveryClient dnsSdDiscoveryClient(InstanceCache cache, InstanceSource source) {
		return new DnsSdDiscoveryClient(cache, source);
	}

	private static InstanceFilter filterOf(DiscoveryProperties properties, String serviceId) {
		DiscoveryProperties.Service service = properties.getServices().get(serviceId);
		return InstanceFilter.of(properties.getFilters(), (service != null) ? service.getFilters() : Map.of());
	}

}
