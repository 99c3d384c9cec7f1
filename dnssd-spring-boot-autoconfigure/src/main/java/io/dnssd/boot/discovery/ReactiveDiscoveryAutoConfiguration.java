package io.dnssd.boot.discovery;

import io.dnssd.boot.ConditionalOnDnsSdEnabled;
import io.dnssd.boot.model.InstanceSource;
import reactor.core.publisher.Flux;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.ConditionalOnDiscoveryEnabled;
import org.springframework.cloud.client.ConditionalOnReactiveDiscoveryEnabled;
import org.springframework.cloud.client.ReactiveCommonsClientAutoConfiguration;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.client.discovery.simple.reactive.SimpleReactiveDiscoveryClientAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link ReactiveDiscoveryClient} when WebFlux's
 * {@code WebClient} is on the class path, on the {@link InstanceCache} (with or without
 * the blocking client).
 */
@AutoConfiguration(after = DiscoveryAutoConfiguration.class,
		before = { SimpleReactiveDiscoveryClientAutoConfiguration.class, ReactiveCommonsClientAutoConfiguration.class })
@ConditionalOnClass(value = { ReactiveDiscoveryClient.class, Flux.class },
		name = "org.springframework.web.reactive.function.client.WebClient")
@ConditionalOnDnsSdEnabled
@ConditionalOnDiscoveryEnabled
@ConditionalOnReactiveDiscoveryEnabled
@ConditionalOnDnsSdDiscoveryEnabled
@ConditionalOnBean(InstanceCache.class)
public final class ReactiveDiscoveryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DnsSdReactiveDiscoveryClient dnsSdReactiveDiscoveryClient(InstanceCache cache, ServiceEnumerationCache services,
			InstanceSource source, DiscoveryProperties properties) {
		return new DnsSdReactiveDiscoveryClient(cache, services, source, properties.getOrder());
	}

}
