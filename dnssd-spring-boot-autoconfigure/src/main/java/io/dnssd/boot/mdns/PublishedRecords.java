package io.dnssd.boot.mdns;

import java.util.ArrayList;
import java.util.List;

import io.dnssd.boot.dnssd.DnsSdRecordNames;
import io.dnssd.boot.dnssd.DnsSdRecords;
import io.dnssd.boot.model.ServiceRegistration;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

/**
 * The records one application answers for: the shared PTR records of the service type and
 * the service enumeration, and the unique SRV, TXT and address records of its instance
 * and its own host name, which carry the cache-flush bit.
 *
 * @param registration the registration, under the name that probing won
 * @param names the names of the records
 * @param pointer the PTR record of the service type
 * @param service the SRV record
 * @param text the TXT record
 * @param address the A or AAAA record of the SRV target
 * @param enumeration the PTR record of the service enumeration
 */
record PublishedRecords(ServiceRegistration registration, DnsSdRecordNames names, Record pointer, Record service,
		Record text, Record address, Record enumeration) {

	static PublishedRecords of(ServiceRegistration registration, long ttl) {
		DnsSdRecordNames names = DnsSdRecordNames.of(registration, MdnsRecords.LOCAL, null);
		return new PublishedRecords(registration, names,
				new PTRRecord(names.serviceType(), DClass.IN, ttl, names.instance()),
				new SRVRecord(names.instance(), MdnsRecords.UNIQUE_IN, ttl, registration.priority(),
						registration.weight(), registration.port(), names.target()),
				DnsSdRecords.txt(names.instance(), MdnsRecords.UNIQUE_IN, ttl, registration.attributes()),
				DnsSdRecords.address(names.target(), MdnsRecords.UNIQUE_IN, ttl, registration.address()),
				new PTRRecord(names.enumeration(), DClass.IN, ttl, names.serviceType()));
	}

	List<Record> all() {
		return List.of(this.pointer, this.service, this.text, this.address, this.enumeration);
	}

	/**
	 * The records a probe proposes for the names this instance claims (RFC 6762 §8.2).
	 */
	List<Record> unique() {
		return List.of(this.service, this.text, this.address);
	}

	boolean claims(Name name) {
		return name.equals(this.names.instance()) || name.equals(this.names.target());
	}

	/**
	 * Returns whether another host's live record contradicts one of this instance's
	 * unique records: the same name and type with other data (RFC 6762 §9).
	 * @param record a record from another host's response
	 * @return whether it conflicts
	 */
	boolean isContradictedBy(Record record) {
		if (record.getTTL() == 0 || !claims(record.getName())) {
			return false;
		}
		List<Record> sameRrset = unique().stream()
			.filter((own) -> own.getName().equals(record.getName()) && own.getType() == record.getType())
			.toList();
		return !sameRrset.isEmpty() && sameRrset.stream().noneMatch((own) -> MdnsRecords.sameData(own, record));
	}

	List<Record> answers(Name name, int type) {
		List<Record> answers = new ArrayList<>();
		for (Record record : all()) {
			if (record.getName().equals(name) && (type == Type.ANY || type == record.getType())) {
				answers.add(record);
			}
		}
		return answers;
	}

	/** The records a resolver will want next after an answer (RFC 6763 §12). */
	List<Record> additionalFor(Record answer) {
		if (answer == this.pointer) {
			return List.of(this.service, this.text, this.address);
		}
		if (answer == this.service) {
			return List.of(this.address);
		}
		return List.of();
	}

	/**
	 * The goodbyes (TTL 0) of this instance's records.
	 * @param typeStillPublished whether another instance of the type is still published
	 * here, which still needs the shared service enumeration record
	 * @return the records with TTL 0
	 */
	List<Record> goodbye(boolean typeStillPublished) {
		return all().stream()
			.filter((record) -> !typeStillPublished || record != this.enumeration)
			.map((record) -> MdnsRecords.withTtl(record, 0))
			.toList();
	}

}
