package io.dnssd.boot.dns;

import java.util.Optional;

import io.dnssd.boot.dnssd.DnsSdRecords;
import io.dnssd.boot.model.Attributes;
import io.dnssd.boot.model.Instance;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;

/**
 * Builds an {@link Instance} from an SRV record and the address of its target, skipping
 * with a WARN line what cannot be used: a target of "." (RFC 2782: no service), a target
 * without an address, or an out-of-range field.
 */
final class SrvInstanceFactory {

	private static final Log logger = LogFactory.getLog(SrvInstanceFactory.class);

	private SrvInstanceFactory() {
	}

	static Optional<Instance> create(String id, SRVRecord srv, TargetAddresses addresses, Attributes attributes,
			TtlAccumulator ttl) {
		if (Name.root.equals(srv.getTarget())) {
			logger.debug("Skipping " + srv + ": its target '.' says the service is not available there");
			return Optional.empty();
		}
		Optional<Record> address = addresses.recordOf(srv.getTarget());
		if (address.isEmpty()) {
			RecordWarnings.warn(logger,
					"Skipping instance '" + id + "': SRV target " + srv.getTarget() + " has no A or AAAA record");
			return Optional.empty();
		}
		try {
			Instance instance = new Instance(id, DnsSdRecords.hostAddress(address.get()), srv.getPort(),
					Instance.isSecure(attributes, srv.getPort()), srv.getPriority(), srv.getWeight(), attributes);
			ttl.add(srv);
			ttl.add(address.get());
			return Optional.of(instance);
		}
		catch (IllegalArgumentException ex) {
			RecordWarnings.warn(logger, "Skipping " + srv + ": " + ex.getMessage());
			return Optional.empty();
		}
	}

}
