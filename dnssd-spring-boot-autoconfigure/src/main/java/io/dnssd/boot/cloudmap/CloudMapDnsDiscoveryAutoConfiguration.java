package io.dnssd.boot.cloudmap;

import io.dnssd.boot.ConditionalOnDnsSdBackend;
import io.dnssd.boot.ConditionalOnDnsSdEnabled;
import io.dnssd.boot.DnsSdProperties;
import io.dnssd.boot.DnsSdProperties.Backend;
import io.dnssd.boot.dns.DnsInstanceSourceFactory;
import io.dnssd.boot.dns.DnsLookupConfiguration;
import io.dnssd.boot.dns.LookupMode;
import io.dnssd.boot.model.InstanceSource;
import org.xbill.DNS.Resolver;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of discovery through the DNS records Cloud Map keeps in a DNS
 * namespace ({@code dnssd.cloud-map.discovery=dns}): SRV lookups of
 * {@code <service>.<namespace>} by default, with the DNS lookup settings.
 */
@AutoConfiguration(after = CloudMapAutoConfiguration.class)
@ConditionalOnClass(Resolver.class)
@ConditionalOnDnsSdEnabled
@ConditionalOnDnsSdBackend(Backend.CLOUD_MAP)
@ConditionalOnCloudMapDiscovery(CloudMapProperties.Discovery.DNS)
@EnableConfigurationProperties({ DnsSdProperties.class, CloudMapProperties.class })
@Import(DnsLookupConfiguration.class)
public final class CloudMapDnsDiscoveryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	InstanceSource cloudMapDnsInstanceSource(DnsInstanceSourceFactory sources, CloudMapProperties cloudMap,
			DnsSdProperties dnsSd) {
		String namespace = (cloudMap.getNamespace() != null) ? cloudMap.getNamespace() : dnsSd.getDomain();
		return sources.create(namespace, LookupMode.SRV);
	}

}
