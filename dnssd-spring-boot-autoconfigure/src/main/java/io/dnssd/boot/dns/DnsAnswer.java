package io.dnssd.boot.dns;

import java.util.List;

import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;

/**
 * The server's answer to a question, whatever its response code.
 *
 * @param question the question asked
 * @param message the server's answer
 */
record DnsAnswer(DnsQuestion question, Message message) {

	/**
	 * Returns whether the server answered with an error, anything but NOERROR and
	 * NXDOMAIN.
	 * @return {@code true} for REFUSED, SERVFAIL, NOTIMP and the like
	 */
	boolean isError() {
		int rcode = this.message.getRcode();
		return rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN;
	}

	/**
	 * Returns the records of a type in the answer section, whatever their owner name, so
	 * that answers reached through a CNAME count.
	 * @param type the record type
	 * @return the records
	 */
	List<Record> records(int type) {
		return this.message.getSection(Section.ANSWER).stream().filter((record) -> record.getType() == type).toList();
	}

	/**
	 * Returns how long the absence of records may be cached (RFC 2308 §5): the smaller of
	 * the SOA record's TTL and its minimum field, or 0 when the answer carries no SOA.
	 * @return seconds
	 */
	long negativeTtlSeconds() {
		return this.message.getSection(Section.AUTHORITY)
			.stream()
			.filter(SOARecord.class::isInstance)
			.map(SOARecord.class::cast)
			.mapToLong((soa) -> Math.min(soa.getTTL(), soa.getMinimum()))
			.findFirst()
			.orElse(0);
	}

}
