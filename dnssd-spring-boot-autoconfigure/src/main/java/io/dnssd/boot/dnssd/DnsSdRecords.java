package io.dnssd.boot.dnssd;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import io.dnssd.boot.model.Attribute;
import io.dnssd.boot.model.Attributes;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DNSOutput;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Builds the records of a registration whose layout unicast and multicast DNS share.
 */
public final class DnsSdRecords {

	private DnsSdRecords() {
	}

	/**
	 * Returns a TXT record holding attributes as RFC 6763 §6 lays them out, with one
	 * empty string when there are none.
	 * @param owner the instance name
	 * @param dclass the record class
	 * @param ttl time to live in seconds
	 * @param attributes the attributes
	 * @return the record
	 */
	public static Record txt(Name owner, int dclass, long ttl, Attributes attributes) {
		DNSOutput rdata = new DNSOutput();
		List<Attribute> all = List.copyOf(attributes.all());
		if (all.isEmpty()) {
			rdata.writeCountedString(new byte[0]);
		}
		for (Attribute attribute : all) {
			rdata.writeCountedString(attribute.toTxtString().getBytes(StandardCharsets.UTF_8));
		}
		return Record.newRecord(owner, Type.TXT, dclass, ttl, rdata.toByteArray());
	}

	/**
	 * Returns the address an A or AAAA record holds, as text.
	 * @param address the record
	 * @return e.g. {@code 10.0.0.5} or {@code 0:0:0:0:0:0:0:1}
	 * @throws ClassCastException if the record is neither A nor AAAA
	 */
	public static String hostAddress(Record address) {
		return (address instanceof ARecord a) ? a.getAddress().getHostAddress()
				: ((AAAARecord) address).getAddress().getHostAddress();
	}

	/**
	 * Returns the first address record of a host: A before AAAA.
	 * @param records the records at hand
	 * @param host the host name, e.g. an SRV target
	 * @return the A or AAAA record, if one is at hand
	 */
	public static Optional<Record> firstAddress(DnsSdRecordSource records, Name host) {
		for (int type : new int[] { Type.A, Type.AAAA }) {
			for (Record record : records.get(host, type)) {
				if (record instanceof ARecord || record instanceof AAAARecord) {
					return Optional.of(record);
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * Returns an A or AAAA record for an address.
	 * @param owner the host name
	 * @param dclass the record class
	 * @param ttl time to live in seconds
	 * @param address the address
	 * @return the record
	 */
	public static Record address(Name owner, int dclass, long ttl, InetAddress address) {
		return (address instanceof Inet4Address) ? new ARecord(owner, dclass, ttl, address)
				: new AAAARecord(owner, dclass, ttl, address);
	}

}
