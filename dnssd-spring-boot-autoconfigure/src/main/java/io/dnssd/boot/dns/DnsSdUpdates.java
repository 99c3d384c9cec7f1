package io.dnssd.boot.dns;

import java.time.Duration;
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
import org.xbill.DNS.Update;

/**
 * Builds the RFC 2136 UPDATE messages of one registration.
 */
final class DnsSdUpdates {

	private DnsSdUpdates() {
	}

	/**
	 * One update that replaces this instance's SRV, TXT and address records and adds the
	 * two PTR records that list it.
	 * @param zone the zone updated
	 * @param names the names of the records
	 * @param registration what is registered
	 * @param ttl the records' TTL
	 * @return the update
	 */
	static Update register(Name zone, DnsSdRecordNames names, ServiceRegistration registration, Duration ttl) {
		Update update = new Update(zone);
		update.delete(names.instance(), Type.SRV);
		update.delete(names.instance(), Type.TXT);
		if (names.ownTarget()) {
			update.delete(names.target(), Type.A);
			update.delete(names.target(), Type.AAAA);
		}
		records(names, registration, ttl).forEach(update::add);
		return update;
	}

	/**
	 * The records a registration writes: the PTR listing the instance, its SRV and TXT,
	 * the target's address where the registration owns the target, and the PTR listing
	 * the service type.
	 * @param names the names of the records
	 * @param registration what is registered
	 * @param ttl the records' TTL
	 * @return the records, in that order
	 */
	static List<Record> records(DnsSdRecordNames names, ServiceRegistration registration, Duration ttl) {
		long seconds = ttl.toSeconds();
		List<Record> records = new ArrayList<>();
		records.add(new PTRRecord(names.serviceType(), DClass.IN, seconds, names.instance()));
		records.add(new SRVRecord(names.instance(), DClass.IN, seconds, registration.priority(), registration.weight(),
				registration.port(), names.target()));
		records.add(DnsSdRecords.txt(names.instance(), DClass.IN, seconds, registration.attributes()));
		if (names.ownTarget()) {
			records.add(DnsSdRecords.address(names.target(), DClass.IN, seconds, registration.address()));
		}
		records.add(new PTRRecord(names.enumeration(), DClass.IN, seconds, names.serviceType()));
		return records;
	}

	/**
	 * An update that removes this instance's records and its PTR record, and nothing of
	 * other instances.
	 * @param zone the zone updated
	 * @param names the names of the records
	 * @return the update
	 */
	static Update deregister(Name zone, DnsSdRecordNames names) {
		Update update = new Update(zone);
		update.delete(new PTRRecord(names.serviceType(), DClass.IN, 0, names.instance()));
		update.delete(names.instance());
		if (names.ownTarget()) {
			update.delete(names.target(), Type.A);
			update.delete(names.target(), Type.AAAA);
		}
		return update;
	}

	/**
	 * An update that removes the service type from the enumeration, on the prerequisite
	 * that no instance of it is left (RFC 2136 §2.4.3), so two instances leaving at once
	 * are both right and the last one out removes it.
	 * @param zone the zone updated
	 * @param names the names of the records
	 * @return the update
	 */
	static Update removeServiceTypeIfUnused(Name zone, DnsSdRecordNames names) {
		Update update = new Update(zone);
		update.absent(names.serviceType(), Type.PTR);
		update.delete(new PTRRecord(names.enumeration(), DClass.IN, 0, names.serviceType()));
		return update;
	}

	/**
	 * Builds the TXT record from the attributes' UTF-8 bytes as they are (dnsjava's
	 * string constructor would read backslashes as escapes); no attributes make the
	 * single empty string RFC 6763 §6.1 asks for.
	 */

}
