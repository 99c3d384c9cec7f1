package io.dnssd.boot.dns;

import io.dnssd.boot.ConditionalOnDnsSdBackend;
import io.dnssd.boot.ConditionalOnDnsSdEnabled;
import io.dnssd.boot.DnsSdProperties;
import io.dnssd.boot.DnsSdProperties.Backend;
import io.dnssd.boot.model.InstanceSource;
import org.xbill.DNS.Resolver;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of discovery through DNS lookups on the dns backend: DNS-SD by
 * default, SRV or address lookups where {@code dnssd.discovery.lookup} says so, in
 * {@code dnssd.domain}.
 */
@AutoConfiguration
@ConditionalOnClass(Resolver.class)
@ConditionalOnDnsSdEnabled
@ConditionalOnDnsSdBackend(Backend.DNS)
@EnableConfigurationProperties(DnsSdProperties.class)
@Import(DnsLookupConfiguration.class)
public final class DnsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	InstanceSource dnsInstanceSource(DnsInstanceSourceFactory sources, DnsSdProperties dnsSd) {
		return sources.create(dnsSd.getDomain(), LookupMode.DNS_SD);
	}

}
