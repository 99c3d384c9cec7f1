package io.dnssd.boot.dnssd;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.dnssd.boot.dnssd.DnsSdRecordSource.Question;
import io.dnssd.boot.model.Attributes;
import io.dnssd.boot.model.Instance;
import io.dnssd.boot.model.InstanceName;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * Builds the instances of a DNS-SD service type from the records at hand, PTR to SRV and
 * TXT to A or AAAA (<a href="https://www.rfc-editor.org/rfc/rfc6763#section-4">RFC 6763
 * §4–6</a>), and names the records that would complete the others; the one assembly both
 * the unicast and the multicast backend use. Of several SRV records of an instance the
 * one of lowest priority is used; a target without an address, or {@code .}, gives no
 * instance.
 */
public final class DnsSdInstanceAssembler {

	private final List<Integer> addressTypes;

	private final Consumer<String> skipped;

	private final int maxInstances;

	/**
	 * Creates an assembler.
	 * @param addressTypes the address types to ask for when a target has none at hand,
	 * e.g. A and AAAA
	 * @param skipped receives why an instance whose records are all known is skipped
	 * @param maxInstances most pointers followed, so a huge service is not queried whole
	 */
	public DnsSdInstanceAssembler(List<Integer> addressTypes, Consumer<String> skipped, int maxInstances) {
		this.addressTypes = List.copyOf(addressTypes);
		this.skipped = skipped;
		this.maxInstances = maxInstances;
	}

	/**
	 * Builds the instances of a service type.
	 * @param serviceType e.g. {@code _calc._tcp.example.com.}
	 * @param records the records at hand
	 * @return the instances, their TTL and the records still to ask for
	 */
	public Assembly assemble(Name serviceType, DnsSdRecordSource records) {
		List<Instance> instances = new ArrayList<>();
		Set<Question> missing = new LinkedHashSet<>();
		long ttl = Long.MAX_VALUE;
		List<Record> pointers = records.get(serviceType, Type.PTR);
		if (pointers.size() > this.maxInstances) {
			this.skipped.accept(serviceType + " lists " + pointers.size() + " instances; following the first "
					+ this.maxInstances + " (dnssd.discovery.max-instances)");
			pointers = pointers.subList(0, this.maxInstances);
		}
		for (Record pointer : pointers) {
			if (!(pointer instanceof PTRRecord ptr)) {
				continue;
			}
			Name instanceName = ptr.getTarget();
			if (!records.knows(instanceName, Type.TXT)) {
				missing.add(new Question(instanceName, Type.TXT));
			}
			Optional<SRVRecord> srv = lowestPrioritySrv(records, instanceName);
			if (srv.isEmpty()) {
				if (records.knows(instanceName, Type.SRV)) {
					this.skipped
						.accept("Skipping instance " + instanceName + " of " + serviceType + ": it has no SRV record");
				}
				else {
					missing.add(new Question(instanceName, Type.SRV));
				}
				continue;
			}
			Name target = srv.get().getTarget();
			if (Name.root.equals(target)) {
				continue;
			}
			Optional<Record> address = DnsSdRecords.firstAddress(records, target);
			if (address.isEmpty()) {
				List<Question> unknown = this.addressTypes.stream()
					.filter((type) -> !records.knows(target, type))
					.map((type) -> new Question(target, type))
					.toList();
				if (unknown.isEmpty()) {
					this.skipped.accept("Skipping instance " + instanceName + ": SRV target " + target
							+ " has no A or AAAA record");
				}
				missing.addAll(unknown);
				continue;
			}
			Optional<TXTRecord> txt = records.get(instanceName, Type.TXT)
				.stream()
				.filter(TXTRecord.class::isInstance)
				.map(TXTRecord.class::cast)
				.findFirst();
			Attributes attributes = txt
				.map((record) -> TxtAttributes.parse(record,
						(problem) -> this.skipped.accept("Instance " + instanceName + ": " + problem)))
				.orElse(Attributes.empty());
			try {
				int port = srv.get().getPort();
				instances.add(new Instance(instanceId(instanceName), DnsSdRecords.hostAddress(address.get()), port,
						Instance.isSecure(attributes, port), srv.get().getPriority(), srv.get().getWeight(),
						attributes));
				ttl = Math.min(ttl, Math.min(ptr.getTTL(), Math.min(srv.get().getTTL(), address.get().getTTL())));
				if (txt.isPresent()) {
					ttl = Math.min(ttl, txt.get().getTTL());
				}
			}
			catch (IllegalArgumentException ex) {
				this.skipped.accept("Skipping instance " + instanceName + ": " + ex.getMessage());
			}
		}
		return new Assembly(instances, (ttl == Long.MAX_VALUE) ? null : Duration.ofSeconds(ttl), List.copyOf(missing));
	}

	private static Optional<SRVRecord> lowestPrioritySrv(DnsSdRecordSource records, Name instanceName) {
		return records.get(instanceName, Type.SRV)
			.stream()
			.filter(SRVRecord.class::isInstance)
			.map(SRVRecord.class::cast)
			.min(Comparator.comparingInt(SRVRecord::getPriority));
	}

	private static String instanceId(Name instanceName) {
		byte[] label = instanceName.getLabel(0);
		return InstanceName.decode(Arrays.copyOfRange(label, 1, label.length));
	}

	/**
	 * Instances built from the records at hand, and the records that would complete the
	 * others.
	 *
	 * @param instances the instances
	 * @param ttl the smallest TTL of the records used, {@code null} when no instance was
	 * built
	 * @param missing the names and types to ask for
	 */
	public record Assembly(List<Instance> instances, @Nullable Duration ttl, List<Question> missing) {
	}

}
