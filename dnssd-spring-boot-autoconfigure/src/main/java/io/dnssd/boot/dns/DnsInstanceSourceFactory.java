package io.dnssd.boot.dns;

import java.util.LinkedHashSet;
import java.util.Set;

import io.dnssd.boot.model.InstanceSource;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link InstanceSource} that looks services up in DNS under a domain, with
 * the {@code dnssd.discovery} lookup settings; one per backend that reads DNS.
 */
public final class DnsInstanceSourceFactory {

	private final DnsQueryClient client;

	private final DnsProperties dns;

	private final DnsDiscoveryProperties lookups;

	private final Set<String> configuredServices;

	private final int maxInstances;

	DnsInstanceSourceFactory(DnsQueryClient client, DnsProperties dns, DnsDiscoveryProperties lookups,
			Set<String> configuredServices, int maxInstances) {
		this.client = client;
		this.dns = dns;
		this.lookups = lookups;
		this.configuredServices = Set.copyOf(configuredServices);
		this.maxInstances = maxInstances;
	}

	/**
	 * Creates the source, validating the lookup settings.
	 * @param domainName the domain services are looked up in, or {@code null} for the
	 * search domains
	 * @param backendDefault the lookup used unless {@code dnssd.discovery.lookup} says
	 * otherwise
	 * @return the source
	 * @throws org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException
	 * naming the lookup setting at fault
	 */
	public InstanceSource create(@Nullable String domainName, LookupMode backendDefault) {
		ServiceQueryPlanner planner = new ServiceQueryPlanner(domainName, this.lookups, backendDefault,
				this.configuredServices);
		String domain = (domainName != null) ? domainName : "the search domains";
		String servers = this.dns.getServers().isEmpty() ? "the system's DNS servers"
				: String.join(", ", this.dns.getServers());
		Set<String> services = new LinkedHashSet<>(this.configuredServices);
		services.addAll(this.lookups.getServices().keySet());
		return new DnsInstanceSource(this.client, planner, DomainNames.normalize(domainName), services,
				"DNS in " + domain + " via " + servers, this.maxInstances);
	}

}
