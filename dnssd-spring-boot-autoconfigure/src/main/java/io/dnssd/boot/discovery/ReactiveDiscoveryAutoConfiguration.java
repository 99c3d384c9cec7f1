package io.dnssd.boot.discovery;

import io.dnssd.boot.ConditionalOnDnsSdEnabled;
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
 * {@code WebClient} is on the class path.
 */
@AutoConfiguration(after = DiscoveryAutoConfiguration.class,
		before = { SimpleReactiveDiscoveryClientAutoConfiguration.class, ReactiveCommonsClientAutoConfiguration.class })
@ConditionalOnClass(value = { ReactiveDiscoveryClient.class, Flux.class },
		name = "org.springframework.web.reactive.function.client.WebClient")
@ConditionalOnDnsSdEnabled
@ConditionalOnDiscoveryEnabled
@ConditionalOnReactiveDiscoveryEnabled
@ConditionalOnDnsSdDiscoveryEnabled
@ConditionalOnBean(DnsSdDiscoveryClient.class)
public final class ReactiveDiscoveryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DnsSdReactiveDiscoveryClient dnsSdReactiveDiscoveryClient(DnsSdDiscoveryClient client, InstanceCache cache) {
		return new DnsSdReactiveDiscoveryClient(client, cache);
	}

}
