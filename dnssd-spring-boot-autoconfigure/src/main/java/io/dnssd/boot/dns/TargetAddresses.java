package io.dnssd.boot.dns;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dnssd.boot.dnssd.DnsSdRecords;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Addresses of SRV targets: taken from the records an answer already brought, queried (A
 * and AAAA, in parallel) for the targets still missing. IPv4 is preferred when a target
 * has both.
 */
final class TargetAddresses {

	private final Map<Name, Record> byTarget = new HashMap<>();

	private TargetAddresses() {
	}

	static TargetAddresses resolve(DnsQueryClient client, RecordIndex index, Collection<Name> targets) {
		List<DnsQuestion> missing = new ArrayList<>();
		for (Name target : new LinkedHashSet<>(targets)) {
			if (!Name.root.equals(target) && !index.knows(target, Type.A) && !index.knows(target, Type.AAAA)) {
				missing.add(new DnsQuestion(target, Type.A));
				missing.add(new DnsQuestion(target, Type.AAAA));
			}
		}
		index.addAll(client.queryAll(missing));
		TargetAddresses addresses = new TargetAddresses();
		for (Name target : targets) {
			DnsSdRecords.firstAddress(index, target).ifPresent((record) -> addresses.byTarget.put(target, record));
		}
		return addresses;
	}

	/**
	 * Returns the address record chosen for a target.
	 * @param target the SRV target
	 * @return the A or AAAA record, if the target has one
	 */
	Optional<Record> recordOf(Name target) {
		return Optional.ofNullable(this.byTarget.get(target));
	}

}
