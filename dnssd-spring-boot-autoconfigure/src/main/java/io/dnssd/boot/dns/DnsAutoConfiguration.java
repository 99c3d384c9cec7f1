package io.dnssd.boot.dns;

import java.net.InetSocketAddress;
import java.util.List;

import io.dnssd.boot.ConditionalOnDnsSdEnabled;
import io.dnssd.boot.DnsSdProperties;
import io.dnssd.boot.DnsSdProperties.Backend;
import io.dnssd.boot.discovery.DiscoveryProperties;
import io.dnssd.boot.discovery.LookupMode;
import io.dnssd.boot.model.InstanceSource;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of DNS lookups: a dnsjava {@link Resolver} for the configured servers
 * (or the system's) and the {@link InstanceSource} that looks services up through it. Active
 * on the dns backend, and on cloud-map with {@code dnssd.cloud-map.discovery=dns}, where it
 * reads the SRV records Cloud Map keeps at {@code <service>.<namespace>}.
 */
@AutoConfiguration
@ConditionalOnClass(Resolver.class)
@ConditionalOnDnsSdEnabled
@Conditional(OnDnsLookupsCondition.class)
@EnableConfigurationProperties({ DnsSdProperties.class, DnsProperties.class, DiscoveryProperties.class })
public final class DnsAutoConfiguration {

	private static final int ATTEMPTS_PER_SERVER = 2;

	private static final String CLOUD_MAP_NAMESPACE = "dnssd.cloud-map.namespace";

	@Bean
	DnsjavaNioLifecycle dnssdDnsjavaNioLifecycle() {
		return new DnsjavaNioLifecycle();
	}

	@Bean
	@ConditionalOnMissingBean
	Resolver dnssdResolver(DnsProperties properties, DnsjavaNioLifecycle dnsjavaNioLifecycle) {
		List<InetSocketAddress> servers = properties.getServers().isEmpty()
				? ResolverConfig.getCurrentConfig().servers() : DnsServerAddresses.parse(properties.getServers());
		ExtendedResolver resolver = new ExtendedResolver(servers.stream().map((server) -> {
			SimpleResolver simple = new SimpleResolver(server);
			simple.setTimeout(properties.getTimeout());
			return (Resolver) simple;
		}).toList());
		resolver.setRetries(ATTEMPTS_PER_SERVER);
		resolver.setTimeout(properties.getTimeout().multipliedBy((long) ATTEMPTS_PER_SERVER * servers.size()));
		return resolver;
	}

	@Bean
	@ConditionalOnMissingBean
	DnsQueryClient dnssdQueryClient(Resolver dnssdResolver, DnsProperties dns) {
		ResolverConfig system = ResolverConfig.getCurrentConfig();
		return new DnsQueryClient(dnssdResolver, system.searchPath(), system.ndots(), dns.getMaxConcurrentQueries());
	}

	@Bean
	@ConditionalOnMissingBean
	InstanceSource dnsInstanceSource(DnsQueryClient client, DnsSdProperties dnsSd, DnsProperties dns,
			DiscoveryProperties discovery, Environment environment) {
		boolean cloudMap = dnsSd.getBackend() == Backend.CLOUD_MAP;
		String namespace = environment.getProperty(CLOUD_MAP_NAMESPACE);
		String domainName = (cloudMap && namespace != null) ? namespace : dnsSd.getDomain();
		ServiceQueryPlanner planner = new ServiceQueryPlanner(domainName, discovery,
				cloudMap ? LookupMode.SRV : LookupMode.DNS_SD);
		String domain = (domainName != null) ? domainName : "the search domains";
		String servers = dns.getServers().isEmpty() ? "the system's DNS servers" : String.join(", ", dns.getServers());
		return new DnsInstanceSource(client, planner, DomainNames.normalize(domainName), discovery.getServices().keySet(),
				"DNS in " + domain + " via " + servers);
	}

}
