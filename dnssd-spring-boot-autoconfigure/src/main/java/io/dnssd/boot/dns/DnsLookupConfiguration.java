package io.dnssd.boot.dns;

import java.net.InetSocketAddress;
import java.util.List;

import io.dnssd.boot.discovery.DiscoveryProperties;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * DNS lookups with dnsjava, for every backend that looks services up in DNS: the
 * resolver, the query client and a {@link DnsInstanceSourceFactory}. Imported by the dns
 * backend's auto-configuration and by Cloud Map's DNS discovery.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ DnsProperties.class, DnsDiscoveryProperties.class, DiscoveryProperties.class })
public class DnsLookupConfiguration {

	private static final int ATTEMPTS_PER_SERVER = 2;

	@Bean
	DnsjavaNioLifecycle dnssdDnsjavaNioLifecycle() {
		return new DnsjavaNioLifecycle();
	}

	@Bean
	@ConditionalOnMissingBean
	Resolver dnssdResolver(DnsProperties properties, DnsjavaNioLifecycle dnsjavaNioLifecycle) {
		return resolver(properties, false);
	}

	@Bean
	@ConditionalOnMissingBean
	DnsQueryClient dnssdQueryClient(Resolver dnssdResolver, DnsProperties dns) {
		ResolverConfig system = ResolverConfig.getCurrentConfig();
		return new DnsQueryClient(dnssdResolver, resolver(dns, true), system.searchPath(), system.ndots(),
				dns.getMaxConcurrentQueries());
	}

	/**
	 * The configured servers (else the system's), each asked twice within the timeout.
	 * @param properties the DNS settings
	 * @param tcp whether every query goes over TCP
	 * @return the resolver
	 */
	private static Resolver resolver(DnsProperties properties, boolean tcp) {
		List<InetSocketAddress> servers = properties.getServers().isEmpty()
				? ResolverConfig.getCurrentConfig().servers() : DnsServerAddresses.parse(properties.getServers());
		ExtendedResolver resolver = new ExtendedResolver(servers.stream().map((server) -> {
			SimpleResolver simple = new SimpleResolver(server);
			simple.setTimeout(properties.getTimeout());
			simple.setTCP(tcp);
			return (Resolver) simple;
		}).toList());
		resolver.setRetries(ATTEMPTS_PER_SERVER);
		resolver.setTimeout(properties.getTimeout().multipliedBy((long) ATTEMPTS_PER_SERVER * servers.size()));
		return resolver;
	}

	@Bean
	@ConditionalOnMissingBean
	DnsInstanceSourceFactory dnssdInstanceSourceFactory(DnsQueryClient client, DnsProperties dns,
			DnsDiscoveryProperties lookups, DiscoveryProperties discovery) {
		return new DnsInstanceSourceFactory(client, dns, lookups, discovery.getServices().keySet(),
				discovery.getMaxInstances());
	}

}
