package io.dnssd.boot.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.dnssd.boot.dnssd.DnsSdRecords;
import io.dnssd.boot.model.Attributes;
import io.dnssd.boot.model.Instance;
import io.dnssd.boot.model.Resolution;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Address lookup at a templated name: every A and AAAA record is an instance on the
 * configured port, as in client-side discovery with multivalue answers on ECS.
 */
final class AddressLookup {

	private final DnsQueryClient client;

	AddressLookup(DnsQueryClient client) {
		this.client = client;
	}

	Resolution lookup(ServiceQuery query) {
		int port = requirePort(query.port());
		DnsAnswer ipv4 = this.client.query(query.name(), query.absolute(), Type.A);
		// An error answer for the other family (dnsmasq answers REFUSED for AAAA of a
		// name it
		// knows only an IPv4 address of) counts as no records, with a WARN, as elsewhere.
		DnsAnswer ipv6 = this.client.queryAll(List.of(new DnsQuestion(ipv4.question().name(), Type.AAAA))).get(0);
		List<Record> addresses = new ArrayList<>(ipv4.records(Type.A));
		addresses.addAll(ipv6.records(Type.AAAA));
		if (addresses.isEmpty()) {
			long negativeTtl = Math.min(ipv4.negativeTtlSeconds(), ipv6.negativeTtlSeconds());
			return new Resolution(List.of(), Duration.ofSeconds(negativeTtl));
		}
		TtlAccumulator ttl = new TtlAccumulator();
		Set<String> hosts = new LinkedHashSet<>();
		List<Instance> instances = new ArrayList<>();
		for (Record address : addresses) {
			String host = DnsSdRecords.hostAddress(address);
			if (hosts.add(host)) {
				ttl.add(address);
				instances.add(new Instance(host + ":" + port, host, port, Instance.isSecure(Attributes.empty(), port),
						0, 1, Attributes.empty()));
			}
		}
		return new Resolution(instances, ttl.toDuration());
	}

	private static int requirePort(@Nullable Integer port) {
		if (port == null) {
			throw new IllegalStateException("An address lookup needs a port");
		}
		return port;
	}

}
