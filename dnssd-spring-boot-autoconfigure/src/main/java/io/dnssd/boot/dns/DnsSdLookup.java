package io.dnssd.boot.dns;

import java.time.Duration;
import java.util.List;

import io.dnssd.boot.dnssd.DnsSdInstanceAssembler;
import io.dnssd.boot.dnssd.DnsSdInstanceAssembler.Assembly;
import io.dnssd.boot.model.Resolution;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * DNS-SD lookup over unicast DNS: the PTR query, then in parallel whatever SRV, TXT and
 * address records the answers so far lack, until the instances are complete.
 */
final class DnsSdLookup {

	private static final Log logger = LogFactory.getLog(DnsSdLookup.class);

	/**
	 * SRV and TXT, then addresses: two rounds after the PTR answer complete any instance.
	 */
	private static final int MAX_ROUNDS = 2;

	private final DnsQueryClient client;

	private final DnsSdInstanceAssembler assembler;

	DnsSdLookup(DnsQueryClient client, int maxInstances) {
		this.client = client;
		this.assembler = new DnsSdInstanceAssembler(List.of(Type.A, Type.AAAA),
				(message) -> RecordWarnings.warn(logger, message), maxInstances);
	}

	Resolution lookup(ServiceQuery query) {
		DnsAnswer ptrAnswer = this.client.query(query.name(), query.absolute(), Type.PTR);
		List<Record> pointers = ptrAnswer.records(Type.PTR);
		if (pointers.isEmpty()) {
			return new Resolution(List.of(), Duration.ofSeconds(ptrAnswer.negativeTtlSeconds()));
		}
		RecordIndex index = new RecordIndex();
		index.add(ptrAnswer);
		Name serviceType = pointers.get(0).getName();
		Assembly assembly = this.assembler.assemble(serviceType, index);
		for (int round = 0; round < MAX_ROUNDS && !assembly.missing().isEmpty(); round++) {
			index.addAll(this.client.queryAll(assembly.missing()
				.stream()
				.map((question) -> new DnsQuestion(question.name(), question.type()))
				.toList()));
			assembly = this.assembler.assemble(serviceType, index);
		}
		Duration ttl = (assembly.ttl() != null) ? assembly.ttl() : Duration.ofSeconds(minTtl(pointers));
		return new Resolution(assembly.instances(), ttl);
	}

	private static long minTtl(List<Record> records) {
		return records.stream().mapToLong(Record::getTTL).min().orElse(0);
	}

}
