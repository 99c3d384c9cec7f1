package io.dnssd.boot.dns;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Supplier;

import io.dnssd.boot.ConditionalOnDnsSdBackend;
import io.dnssd.boot.ConditionalOnDnsSdEnabled;
import io.dnssd.boot.DnsSdProperties;
import io.dnssd.boot.DnsSdProperties.Backend;
import io.dnssd.boot.model.Registrar;
import io.dnssd.boot.registration.ConditionalOnDnsSdRegistrationEnabled;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TextParseException;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Auto-configuration of registration by RFC 2136 dynamic update when the unicast DNS
 * backend is selected and a zone is known ({@code dnssd.dns.update.zone} or
 * {@code dnssd.domain}).
 */
@AutoConfiguration(after = DnsAutoConfiguration.class)
@ConditionalOnClass(Resolver.class)
@ConditionalOnDnsSdEnabled
@ConditionalOnDnsSdBackend(Backend.DNS)
@ConditionalOnDnsSdRegistrationEnabled
@Conditional(OnDnsUpdateZoneCondition.class)
@EnableConfigurationProperties({ DnsSdProperties.class, DnsProperties.class, DnsUpdateProperties.class })
public final class DnsRegistrationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Registrar dnsUpdateRegistrar(DnsSdProperties dnsSd, DnsProperties dns, DnsUpdateProperties update,
			DnsQueryClient dnssdQueryClient) {
		String domainText = DomainNames.normalize(dnsSd.getDomain());
		String zoneText = (update.getZone() != null) ? DomainNames.normalize(update.getZone()) : domainText;
		Name zone = absolute((update.getZone() != null) ? "dnssd.dns.update.zone" : "dnssd.domain", zoneText);
		Name domain = (domainText != null) ? absolute("dnssd.domain", domainText) : zone;
		if (!domain.subdomain(zone)) {
			throw new InvalidConfigurationPropertyValueException("dnssd.dns.update.zone", zoneText,
					"the domain " + domain + " is not inside this zone");
		}
		String targetHost = DomainNames.normalize(update.getTargetHost());
		Name target = (targetHost != null) ? absolute("dnssd.dns.update.target-host", targetHost) : null;
		Supplier<InetSocketAddress> server = serverOf(update, dnssdQueryClient, zone);
		return new DnsUpdateRegistrar(zone, domain, target, TsigKeys.from(update.getTsig()), dnsSd.getTtl(),
				dns.getTimeout(), server, update.getServer() != null);
	}

	private static Supplier<InetSocketAddress> serverOf(DnsUpdateProperties update, DnsQueryClient client, Name zone) {
		if (update.getServer() == null) {
			return new UpdateServerLocator(client, zone);
		}
		InetSocketAddress server = DnsServerAddresses.parse("dnssd.dns.update.server", List.of(update.getServer()))
			.get(0);
		return () -> server;
	}

	private static Name absolute(String property, @Nullable String name) {
		if (name == null) {
			throw new InvalidConfigurationPropertyValueException(property, null,
					"set dnssd.domain or dnssd.dns.update.zone to the zone this application registers in");
		}
		try {
			return Name.fromString(name, Name.root);
		}
		catch (TextParseException ex) {
			throw new InvalidConfigurationPropertyValueException(property, name,
					"not a valid DNS name: " + ex.getMessage());
		}
	}

}
