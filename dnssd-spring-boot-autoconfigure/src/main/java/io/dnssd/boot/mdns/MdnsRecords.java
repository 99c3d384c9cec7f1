package io.dnssd.boot.mdns;

import java.util.Arrays;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * What multicast DNS adds to records (RFC 6762 §10.2): the top bit of the class is the
 * cache-flush bit in answers and the unicast-response bit in questions.
 */
final class MdnsRecords {

	static final Name LOCAL = Name.fromConstantString("local.");

	static final int TOP_BIT = 0x8000;

	/**
	 * Type, class, TTL and data length, between the owner name and the data of a record.
	 */
	private static final int FIXED_FIELDS = 10;

	static final int UNIQUE_IN = DClass.IN | TOP_BIT;

	private MdnsRecords() {
	}

	static int classOf(int dclass) {
		return dclass & ~TOP_BIT;
	}

	static boolean isCacheFlush(Record record) {
		return (record.getDClass() & TOP_BIT) != 0;
	}

	/**
	 * Returns whether two records carry the same data, whatever their TTLs and
	 * cache-flush bits.
	 * @param a a record
	 * @param b another record
	 * @return whether both carry the same data
	 */
	static boolean sameData(Record a, Record b) {
		return a.getType() == b.getType() && classOf(a.getDClass()) == classOf(b.getDClass())
				&& a.getName().equals(b.getName()) && Arrays.equals(a.rdataToWireCanonical(), b.rdataToWireCanonical());
	}

	static Record withTtl(Record record, long ttl) {
		return with(record, record.getDClass(), ttl);
	}

	/**
	 * Returns a copy of a record with another class and TTL, keeping the case of the
	 * names in its data.
	 * @param record the record
	 * @param dclass the class, with or without the cache-flush bit
	 * @param ttl the TTL in seconds
	 * @return the copy
	 */
	static Record with(Record record, int dclass, long ttl) {
		byte[] wire = record.toWire(Section.ANSWER);
		byte[] rdata = Arrays.copyOfRange(wire, record.getName().length() + FIXED_FIELDS, wire.length);
		return Record.newRecord(record.getName(), record.getType(), dclass, ttl, rdata);
	}

}
