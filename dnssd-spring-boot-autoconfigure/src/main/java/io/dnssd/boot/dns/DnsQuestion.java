package io.dnssd.boot.dns;

import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * One question: a fully qualified name and a record type.
 *
 * @param name the name to query
 * @param type the record type
 */
record DnsQuestion(Name name, int type) {

	@Override
	public String toString() {
		return this.name + " " + Type.string(this.type);
	}

}
