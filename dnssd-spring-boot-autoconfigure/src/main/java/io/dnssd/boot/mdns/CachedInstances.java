package io.dnssd.boot.mdns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.dnssd.boot.dnssd.DnsSdRecords;
import io.dnssd.boot.dnssd.TxtAttributes;
import io.dnssd.boot.model.Instance;
import io.dnssd.boot.model.InstanceName;
import io.dnssd.boot.model.Resolution;
import io.dnssd.boot.model.Attributes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Builds the instances of a service type from the records in an {@link MdnsCache}: PTR to
 * instance names, SRV and TXT of each, the address of each SRV target (RFC 6763 §4). An
 * instance whose SRV or address is not cached yet is left out, and the records it lacks are
 * named so they can be asked for.
 */
final class CachedInstances {

	private static final Log logger = LogFactory.getLog(CachedInstances.class);

	/** How long an empty answer stands; announcements replace it sooner. */
	private static final Duration EMPTY_TTL = Duration.ofSeconds(10);

	private final MdnsCache cache;

	private final boolean ipv6;

	CachedInstances(MdnsCache cache, boolean ipv6) {
		this.cache = cache;
		this.ipv6 = ipv6;
	}

	Assembly assemble(Name serviceType) {
		List<Instance> instances = new ArrayList<>();
		List<MdnsCache.Key> missing = new ArrayList<>();
		long ttl = Long.MAX_VALUE;
		for (Record pointer : this.cache.get(serviceType, Type.PTR)) {
			Name instanceName = ((PTRRecord) pointer).getTarget();
			Optional<SRVRecord> srv = this.cache.get(instanceName, Type.SRV)
				.stream()
				.map(SRVRecord.class::cast)
				.min(Comparator.comparingInt(SRVRecord::getPriority));
			if (srv.isEmpty()) {
				missing.add(new MdnsCache.Key(instanceName, Type.SRV));
				missing.add(new MdnsCache.Key(instanceName, Type.TXT));
				continue;
			}
			Optional<Record> address = address(srv.get().getTarget());
			if (address.isEmpty()) {
				missing.add(new MdnsCache.Key(srv.get().getTarget(), this.ipv6 ? Type.AAAA : Type.A));
				continue;
			}
			Attributes attributes = attributes(instanceName);
			try {
				int port = srv.get().getPort();
				instances.add(new Instance(instanceId(instanceName), DnsSdRecords.hostAddress(address.get()), port,
						Instance.isSecure(attributes, port), srv.get().getPriority(), srv.get().getWeight(), attributes));
				ttl = Math.min(ttl, Math.min(pointer.getTTL(), Math.min(srv.get().getTTL(), address.get().getTTL())));
			}
			catch (IllegalArgumentException ex) {
				logger.debug("Skipping instance " + instanceName + ": " + ex.getMessage());
			}
		}
		instances.sort(Comparator.comparing(Instance::id));
		return new Assembly(new Resolution(instances, instances.isEmpty() ? EMPTY_TTL : Duration.ofSeconds(ttl)),
				missing);
	}

	private Attributes attributes(Name instanceName) {
		return this.cache.get(instanceName, Type.TXT)
			.stream()
			.findFirst()
			.map((txt) -> TxtAttributes.parse((TXTRecord) txt,
					(problem) -> logger.debug("Instance " + instanceName + ": " + problem)))
			.orElse(Attributes.empty());
	}

	private Optional<Record> address(Name target) {
		List<Record> v4 = this.cache.get(target, Type.A);
		if (!v4.isEmpty()) {
			return Optional.of(v4.get(0));
		}
		return this.cache.get(target, Type.AAAA).stream().findFirst();
	}

	private static String instanceId(Name instanceName) {
		byte[] label = instanceName.getLabel(0);
		return InstanceName.decode(Arrays.copyOfRange(label, 1, label.length));
	}

	/**
	 * Instances built from the cache, and the records that would complete the others.
	 *
	 * @param resolution the instances
	 * @param missing the names and types to ask for
	 */
	record Assembly(Resolution resolution, List<MdnsCache.Key> missing) {
	}

}
