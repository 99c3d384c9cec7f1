package io.dnssd.boot.dns;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.dnssd.boot.dnssd.DnsSdInstanceAssembler;
import io.dnssd.boot.dnssd.DnsSdInstanceAssembler.Assembly;
import io.dnssd.boot.model.Resolution;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * DNS-SD lookup over unicast DNS: the PTR query, then in parallel whatever SRV, TXT and
 * address records the answers so far lack, until the instances are complete. A server
 * that adds the instances' SRV, TXT and address records to the PTR answer (RFC 6763 §12)
 * answers the lookup in one query; where it left some out to fit a datagram (which sets
 * no TC flag, RFC 2181 §9), the PTR is asked once more over TCP before any instance is
 * asked for one by one.
 */
final class DnsSdLookup {

	private static final Log logger = LogFactory.getLog(DnsSdLookup.class);

	/**
	 * SRV and TXT, then addresses: two rounds after the PTR answer complete any instance.
	 */
	private static final int MAX_ROUNDS = 2;

	/**
	 * The largest answer dnsjava takes over UDP (its EDNS payload size); a larger one
	 * came over TCP.
	 */
	private static final int UDP_PAYLOAD_SIZE = 1280;

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
		if (!assembly.missing().isEmpty() && additionalsLeftOut(ptrAnswer, pointers)) {
			logger.debug("The PTR answer for " + serviceType + " left out some instances' records; asking over TCP");
			index.add(this.client.queryOverTcp(new DnsQuestion(serviceType, Type.PTR)));
			assembly = this.assembler.assemble(serviceType, index);
		}
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

	/**
	 * Whether a PTR answer came over UDP from a server that adds instance records to it
	 * but did not add all: it brought the SRV or TXT record of at least one instance in
	 * its additional section.
	 * @param ptrAnswer the answer to the PTR query
	 * @param pointers its PTR records
	 * @return whether asking over TCP may bring the rest
	 */
	private static boolean additionalsLeftOut(DnsAnswer ptrAnswer, List<Record> pointers) {
		Message message = ptrAnswer.message();
		if (message.numBytes() > UDP_PAYLOAD_SIZE) {
			return false;
		}
		Set<Name> instances = new HashSet<>();
		pointers.forEach((pointer) -> instances.add(((PTRRecord) pointer).getTarget()));
		return message.getSection(Section.ADDITIONAL)
			.stream()
			.anyMatch((extra) -> (extra.getType() == Type.SRV || extra.getType() == Type.TXT)
					&& instances.contains(extra.getName()));
	}

	private static long minTtl(List<Record> records) {
		return records.stream().mapToLong(Record::getTTL).min().orElse(0);
	}

}
