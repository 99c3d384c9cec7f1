package io.dnssd.boot.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.dnssd.boot.dnssd.TxtAttributes;
import io.dnssd.boot.model.Instance;
import io.dnssd.boot.model.InstanceName;
import io.dnssd.boot.model.Resolution;
import io.dnssd.boot.model.Attributes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * DNS-SD lookup (RFC 6763 §4): PTR {@code _<service>._tcp.<domain>} lists the instance
 * names; the SRV and TXT records of each give port, target and attributes; the A or AAAA
 * records of each target give the address. Records that an answer brings in its answer or
 * additional section are used as they are; only what is missing is queried.
 */
final class DnsSdLookup {

	private static final Log logger = LogFactory.getLog(DnsSdLookup.class);

	private final DnsQueryClient client;

	DnsSdLookup(DnsQueryClient client) {
		this.client = client;
	}

	Resolution lookup(ServiceQuery query) {
		DnsAnswer ptrAnswer = this.client.query(query.name(), query.absolute(), Type.PTR);
		List<Record> pointers = ptrAnswer.records(Type.PTR);
		if (pointers.isEmpty()) {
			return new Resolution(List.of(), Duration.ofSeconds(ptrAnswer.negativeTtlSeconds()));
		}
		RecordIndex index = new RecordIndex();
		index.add(ptrAnswer);
		TtlAccumulator ttl = new TtlAccumulator();
		Set<Name> instanceNames = new LinkedHashSet<>();
		for (Record pointer : pointers) {
			ttl.add(pointer);
			instanceNames.add(((PTRRecord) pointer).getTarget());
		}
		index.addAll(this.client.queryAll(missingSrvAndTxt(index, instanceNames)));
		List<SRVRecord> services = new ArrayList<>();
		for (Name instanceName : instanceNames) {
			firstSrv(index, instanceName).ifPresentOrElse(services::add, () -> RecordWarnings.warn(logger,
					"Skipping instance " + instanceName + " of " + query.name() + ": it has no SRV record"));
		}
		TargetAddresses addresses = TargetAddresses.resolve(this.client, index,
				services.stream().map(SRVRecord::getTarget).toList());
		List<Instance> instances = new ArrayList<>();
		for (SRVRecord srv : services) {
			Attributes attributes = attributes(index, srv.getName(), ttl);
			SrvInstanceFactory.create(instanceId(srv.getName()), srv, addresses, attributes, ttl)
				.ifPresent(instances::add);
		}
		return new Resolution(instances, ttl.toDuration());
	}

	private static List<DnsQuestion> missingSrvAndTxt(RecordIndex index, Set<Name> instanceNames) {
		List<DnsQuestion> missing = new ArrayList<>();
		for (Name instanceName : instanceNames) {
			for (int type : new int[] { Type.SRV, Type.TXT }) {
				if (!index.knows(instanceName, type)) {
					missing.add(new DnsQuestion(instanceName, type));
				}
			}
		}
		return missing;
	}

	private static Optional<SRVRecord> firstSrv(RecordIndex index, Name instanceName) {
		return index.get(instanceName, Type.SRV)
			.stream()
			.filter(SRVRecord.class::isInstance)
			.map(SRVRecord.class::cast)
			.min(Comparator.comparingInt(SRVRecord::getPriority));
	}

	private static Attributes attributes(RecordIndex index, Name instanceName, TtlAccumulator ttl) {
		return index.get(instanceName, Type.TXT)
			.stream()
			.filter(TXTRecord.class::isInstance)
			.map(TXTRecord.class::cast)
			.findFirst()
			.map((txt) -> {
				ttl.add(txt);
				return TxtAttributes.parse(txt,
						(problem) -> logger.debug("Instance " + instanceName + ": " + problem));
			})
			.orElse(Attributes.empty());
	}

	private static String instanceId(Name instanceName) {
		byte[] label = instanceName.getLabel(0);
		return InstanceName.decode(Arrays.copyOfRange(label, 1, label.length));
	}

}
