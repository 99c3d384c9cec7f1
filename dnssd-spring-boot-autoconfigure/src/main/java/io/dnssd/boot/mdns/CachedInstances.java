package io.dnssd.boot.mdns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.dnssd.boot.dnssd.DnsSdInstanceAssembler;
import io.dnssd.boot.dnssd.DnsSdRecordSource;
import io.dnssd.boot.model.Instance;
import io.dnssd.boot.model.Resolution;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Instances of a service type as the multicast DNS cache holds them, built by the shared
 * {@link DnsSdInstanceAssembler}; what the cache lacks is named so the browser can ask
 * for it.
 */
final class CachedInstances {

	private static final Log logger = LogFactory.getLog(CachedInstances.class);

	/** How long an empty answer stands; announcements replace it sooner. */
	private static final Duration EMPTY_TTL = Duration.ofSeconds(10);

	private final MdnsCache cache;

	private final DnsSdInstanceAssembler assembler;

	CachedInstances(MdnsCache cache, boolean ipv6) {
		this.cache = cache;
		this.assembler = new DnsSdInstanceAssembler(List.of(ipv6 ? Type.AAAA : Type.A), logger::debug,
				Integer.MAX_VALUE);
	}

	Assembly assemble(Name serviceType) {
		DnsSdInstanceAssembler.Assembly assembly = this.assembler.assemble(serviceType, new CacheRecords(this.cache));
		List<Instance> instances = new ArrayList<>(assembly.instances());
		instances.sort(Comparator.comparing(Instance::id));
		Duration ttl = (instances.isEmpty() || assembly.ttl() == null) ? EMPTY_TTL : assembly.ttl();
		List<MdnsCache.Key> missing = assembly.missing()
			.stream()
			.map((question) -> new MdnsCache.Key(question.name(), question.type()))
			.toList();
		return new Assembly(new Resolution(instances, ttl), missing);
	}

	/**
	 * Instances built from the cache, and the records that would complete the others.
	 *
	 * @param resolution the instances
	 * @param missing the names and types to ask for
	 */
	record Assembly(Resolution resolution, List<MdnsCache.Key> missing) {
	}

	/**
	 * The cache as the assembler reads it: a record is known once it is cached.
	 */
	private record CacheRecords(MdnsCache cache) implements DnsSdRecordSource {

		@Override
		public List<Record> get(Name name, int type) {
			return this.cache.get(name, type);
		}

		@Override
		public boolean knows(Name name, int type) {
			return !this.cache.get(name, type).isEmpty();
		}

	}

}
