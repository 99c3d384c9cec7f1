package io.dnssd.boot.dns;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.dnssd.boot.model.InstanceSource;
import io.dnssd.boot.model.Resolution;
import io.dnssd.boot.model.ServiceEnumeration;
import io.dnssd.boot.model.UnresolvableServiceException;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * {@link InstanceSource} on unicast DNS: each service is looked up the way its
 * configuration says (DNS-SD, SRV or address), and services are enumerated with the
 * service type enumeration PTR {@code _services._dns-sd._udp.<domain>} (RFC 6763 §9).
 */
final class DnsInstanceSource implements InstanceSource {

	private static final String ENUMERATION = "_services._dns-sd._udp";

	private final DnsQueryClient client;

	private final ServiceQueryPlanner planner;

	private final @Nullable String domain;

	private final Set<String> configuredServices;

	private final String description;

	private final DnsSdLookup dnsSdLookup;

	private final SrvLookup srvLookup;

	private final AddressLookup addressLookup;

	DnsInstanceSource(DnsQueryClient client, ServiceQueryPlanner planner, @Nullable String domain,
			Set<String> configuredServices, String description, int maxInstances) {
		this.client = client;
		this.planner = planner;
		this.domain = domain;
		this.configuredServices = Set.copyOf(configuredServices);
		this.description = description;
		this.dnsSdLookup = new DnsSdLookup(client, maxInstances);
		this.srvLookup = new SrvLookup(client);
		this.addressLookup = new AddressLookup(client);
	}

	@Override
	public Resolution resolve(String serviceId) {
		ServiceQuery query;
		try {
			query = this.planner.queryFor(serviceId);
		}
		catch (InvalidConfigurationPropertyValueException ex) {
			throw new UnresolvableServiceException(ex.getMessage(), ex);
		}
		return switch (query.mode()) {
			case DNS_SD -> this.dnsSdLookup.lookup(query);
			case SRV -> this.srvLookup.lookup(query);
			case ADDRESS -> this.addressLookup.lookup(query);
		};
	}

	/**
	 * Lists the configured services and those of the service type enumeration, cached for
	 * the smallest TTL of its PTR records (the negative TTL when there are none).
	 */
	@Override
	public ServiceEnumeration enumerate() {
		Set<String> ids = new LinkedHashSet<>(this.configuredServices);
		String name = (this.domain != null) ? ENUMERATION + "." + this.domain : ENUMERATION;
		DnsAnswer answer = this.client.query(name, this.domain != null, Type.PTR);
		List<Record> pointers = answer.records(Type.PTR);
		if (pointers.isEmpty()) {
			return new ServiceEnumeration(ids, Duration.ofSeconds(answer.negativeTtlSeconds()));
		}
		TtlAccumulator ttl = new TtlAccumulator();
		for (Record record : pointers) {
			ttl.add(record);
			serviceId(((PTRRecord) record).getTarget()).ifPresent(ids::add);
		}
		return new ServiceEnumeration(ids, ttl.toDuration());
	}

	@Override
	public String description() {
		return this.description;
	}

	private static Optional<String> serviceId(Name serviceType) {
		if (serviceType.labels() < 2) {
			return Optional.empty();
		}
		String service = serviceType.getLabelString(0);
		String protocol = serviceType.getLabelString(1).toLowerCase(Locale.ROOT);
		if (!service.startsWith("_") || service.length() < 2 || !"_tcp".equals(protocol)) {
			return Optional.empty();
		}
		return Optional.of(service.substring(1));
	}

}
