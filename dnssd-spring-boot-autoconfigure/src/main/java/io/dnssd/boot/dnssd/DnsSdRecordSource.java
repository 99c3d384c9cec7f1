package io.dnssd.boot.dnssd;

import java.util.List;

import org.xbill.DNS.Name;
import org.xbill.DNS.Record;

/**
 * The records a DNS-SD lookup has at hand: the answers of unicast queries, or the
 * multicast DNS cache.
 */
public interface DnsSdRecordSource {

	/**
	 * Returns the records of a type at a name.
	 * @param name the owner name
	 * @param type the record type
	 * @return the records, empty when none are at hand
	 */
	List<Record> get(Name name, int type);

	/**
	 * Returns whether asking for these records would bring nothing new: they are at hand,
	 * or they were asked for already.
	 * @param name the owner name
	 * @param type the record type
	 * @return {@code true} if there is no point in asking
	 */
	boolean knows(Name name, int type);

	/**
	 * One name and type to ask for.
	 *
	 * @param name the owner name
	 * @param type the record type
	 */
	record Question(Name name, int type) {
	}

}
