package io.dnssd.boot.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Supplier;

import io.dnssd.boot.model.LookupFailedException;
import io.dnssd.boot.model.RegistrationFailedException;
import io.dnssd.boot.model.RegistryUnreachableException;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * Finds the server that accepts updates for a zone: the primary named in the zone's SOA
 * record (RFC 2136 §4), on port 53. Found once, then remembered; a failure is retried on
 * the next call.
 */
final class UpdateServerLocator implements Supplier<InetSocketAddress> {

	private static final int DNS_PORT = 53;

	private final DnsQueryClient client;

	private final Name zone;

	private volatile @Nullable InetSocketAddress found;

	UpdateServerLocator(DnsQueryClient client, Name zone) {
		this.client = client;
		this.zone = zone;
	}

	@Override
	public InetSocketAddress get() {
		InetSocketAddress server = this.found;
		if (server == null) {
			server = locate();
			this.found = server;
		}
		return server;
	}

	private InetSocketAddress locate() {
		try {
			List<Record> soa = this.client.query(this.zone.toString(true), true, Type.SOA).records(Type.SOA);
			if (soa.isEmpty()) {
				throw new RegistrationFailedException("Zone " + this.zone + " has no SOA record to name its primary; "
						+ "set dnssd.dns.update.server");
			}
			Name primary = ((SOARecord) soa.get(0)).getHost();
			for (int type : new int[] { Type.A, Type.AAAA }) {
				for (Record address : this.client.query(primary.toString(true), true, type).records(type)) {
					return new InetSocketAddress(addressOf(address), DNS_PORT);
				}
			}
			throw new RegistrationFailedException("The primary " + primary + " of zone " + this.zone
					+ " has no address; set dnssd.dns.update.server");
		}
		catch (LookupFailedException ex) {
			throw new RegistryUnreachableException("Cannot find the update server of zone " + this.zone + ": "
					+ ex.getMessage() + "; set dnssd.dns.update.server", ex);
		}
	}

	private static InetAddress addressOf(Record record) {
		return (record instanceof ARecord a) ? a.getAddress() : ((AAAARecord) record).getAddress();
	}

}
