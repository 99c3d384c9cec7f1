package io.dnssd.boot.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.dnssd.boot.model.Attributes;
import io.dnssd.boot.model.Instance;
import io.dnssd.boot.model.Resolution;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

/**
 * SRV lookup (RFC 2782) at a templated name, as Kubernetes, Consul and Cloud Map publish
 * them: every SRV record is an instance, identified by its target and port.
 */
final class SrvLookup {

	private final DnsQueryClient client;

	SrvLookup(DnsQueryClient client) {
		this.client = client;
	}

	Resolution lookup(ServiceQuery query) {
		DnsAnswer answer = this.client.query(query.name(), query.absolute(), Type.SRV);
		List<SRVRecord> services = answer.records(Type.SRV).stream().map(SRVRecord.class::cast).toList();
		if (services.isEmpty()) {
			return new Resolution(List.of(), Duration.ofSeconds(answer.negativeTtlSeconds()));
		}
		RecordIndex index = new RecordIndex();
		index.add(answer);
		TargetAddresses addresses = TargetAddresses.resolve(this.client, index,
				services.stream().map(SRVRecord::getTarget).toList());
		TtlAccumulator ttl = new TtlAccumulator();
		List<Instance> instances = new ArrayList<>();
		for (SRVRecord srv : services) {
			String id = srv.getTarget().toString(true) + ":" + srv.getPort();
			SrvInstanceFactory.create(id, srv, addresses, Attributes.empty(), ttl).ifPresent(instances::add);
		}
		return new Resolution(instances, ttl.toDuration());
	}

}
