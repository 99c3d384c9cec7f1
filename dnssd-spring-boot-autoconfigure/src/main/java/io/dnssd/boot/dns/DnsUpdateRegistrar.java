package io.dnssd.boot.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.dnssd.boot.dns.TsigKeys.TsigKey;
import io.dnssd.boot.dnssd.DnsSdRecordNames;
import io.dnssd.boot.dnssd.TxtAttributes;
import io.dnssd.boot.model.Registrar;
import io.dnssd.boot.model.RegistrationFailedException;
import io.dnssd.boot.model.RegistryTraits;
import io.dnssd.boot.model.RegistryUnreachableException;
import io.dnssd.boot.model.ServiceRegistration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIGRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * {@link Registrar} that writes DNS-SD records with RFC 2136 dynamic updates, signed with
 * a TSIG key when one is configured, over TCP to the zone's update server. Each
 * registration is one UPDATE; deregistration removes exactly this instance's records,
 * then the service type from the enumeration if it was the last instance. A refresh reads
 * the records back from the update server and writes them again if any is gone.
 */
final class DnsUpdateRegistrar implements Registrar {

	private static final RegistryTraits TRAITS = new RegistryTraits(null, null, TxtAttributes::validate, false);

	private static final Log logger = LogFactory.getLog(DnsUpdateRegistrar.class);

	private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);

	private final Name zone;

	private final Name domain;

	private final @Nullable Name targetHost;

	private final @Nullable TsigKey key;

	private final Duration ttl;

	private final Duration timeout;

	private final Supplier<InetSocketAddress> server;

	private final String serverSource;

	DnsUpdateRegistrar(Name zone, Name domain, @Nullable Name targetHost, @Nullable TsigKey key, Duration ttl,
			Duration timeout, Supplier<InetSocketAddress> server, boolean serverConfigured) {
		this.zone = zone;
		this.domain = domain;
		this.targetHost = targetHost;
		this.key = key;
		this.ttl = ttl;
		this.timeout = timeout;
		this.server = server;
		this.serverSource = serverConfigured ? " (dnssd.dns.update.server)"
				: " (the zone's SOA primary, port 53; set dnssd.dns.update.server to send updates elsewhere)";
	}

	@Override
	public void register(ServiceRegistration registration) {
		DnsSdRecordNames names = DnsSdRecordNames.of(registration, this.domain, this.targetHost);
		send(DnsSdUpdates.register(this.zone, names, registration, this.ttl), "registration of " + names.instance());
	}

	@Override
	public void deregister(ServiceRegistration registration) {
		DnsSdRecordNames names = DnsSdRecordNames.of(registration, this.domain, this.targetHost);
		send(DnsSdUpdates.deregister(this.zone, names), "deregistration of " + names.instance());
		Message answer = exchange(DnsSdUpdates.removeServiceTypeIfUnused(this.zone, names),
				"removal of " + names.serviceType() + " from the service enumeration");
		if (answer.getRcode() == Rcode.NOERROR) {
			logger.debug("Removed " + names.serviceType() + " from the service enumeration: no instance is left");
		}
		else if (answer.getRcode() != Rcode.YXRRSET) {
			throw refused("removal of " + names.serviceType() + " from the service enumeration", answer);
		}
	}

	/**
	 * Asks the update server, over TCP and signed as updates are, for each record the
	 * registration writes, and registers again if one is missing or differs. Reading
	 * leaves the zone's serial alone, so secondaries see no change while nothing was
	 * lost; clients read the same sets every TTL anyway.
	 */
	@Override
	public boolean refresh(ServiceRegistration registration) {
		DnsSdRecordNames names = DnsSdRecordNames.of(registration, this.domain, this.targetHost);
		List<String> missing = new ArrayList<>();
		for (Record expected : DnsSdUpdates.records(names, registration, this.ttl)) {
			if (!held(expected)) {
				missing.add(expected.getName() + " " + Type.string(expected.getType()));
			}
		}
		if (missing.isEmpty()) {
			return false;
		}
		logger.debug("Zone " + this.zone + " lacks " + String.join(", ", missing) + " of " + names.instance());
		register(registration);
		return true;
	}

	/**
	 * Whether the update server holds a record: among the others of a PTR set, which
	 * every instance of the service shares, else as the only record of its set, as
	 * registration writes it. TTLs are not compared.
	 * @param expected a record the registration writes
	 * @return whether the server holds it
	 */
	private boolean held(Record expected) {
		String what = "check of " + expected.getName() + " " + Type.string(expected.getType());
		Message answer = exchange(Message.newQuery(Record.newRecord(expected.getName(), expected.getType(), DClass.IN)),
				what);
		if (answer.getRcode() != Rcode.NOERROR && answer.getRcode() != Rcode.NXDOMAIN) {
			throw refused(what, answer);
		}
		List<Record> set = answer.getSection(Section.ANSWER)
			.stream()
			.filter((record) -> record.getType() == expected.getType() && record.getName().equals(expected.getName()))
			.toList();
		return (expected.getType() == Type.PTR) ? set.contains(expected) : set.equals(List.of(expected));
	}

	/**
	 * Asks the update server for the zone's SOA over UDP: any answer, even a refusal,
	 * says it is up.
	 */
	@Override
	public Optional<Boolean> answers() {
		try {
			SimpleResolver resolver = new SimpleResolver(this.server.get());
			resolver.setTimeout(PROBE_TIMEOUT);
			resolver.send(Message.newQuery(Record.newRecord(this.zone, Type.SOA, DClass.IN)));
			return Optional.of(true);
		}
		catch (IOException | RuntimeException ex) {
			return Optional.of(false);
		}
	}

	@Override
	public RegistryTraits traits() {
		return TRAITS;
	}

	@Override
	public String description() {
		String signing = (this.key != null) ? ", " + this.key : ", unsigned";
		return "RFC 2136 updates of zone " + this.zone + signing;
	}

	private void send(Update update, String what) {
		Message answer = exchange(update, what);
		if (answer.getRcode() != Rcode.NOERROR) {
			throw refused(what, answer);
		}
	}

	private Message exchange(Message request, String what) {
		InetSocketAddress address = this.server.get();
		SimpleResolver resolver = new SimpleResolver(address);
		resolver.setTCP(true);
		resolver.setTimeout(this.timeout);
		if (this.key != null) {
			resolver.setTSIGKey(this.key.signer());
		}
		Message answer;
		try {
			answer = resolver.send(request);
		}
		catch (IOException ex) {
			throw new RegistryUnreachableException("DNS " + what + " in zone " + this.zone + " failed: server "
					+ format(address) + this.serverSource + " did not answer (" + ex + ")", ex);
		}
		if (this.key != null && answer.getRcode() == Rcode.NOERROR && !answer.isVerified()) {
			throw new RegistrationFailedException("DNS " + what + " in zone " + this.zone + ": the answer of "
					+ format(address) + " is not signed with " + this.key);
		}
		return answer;
	}

	private RegistrationFailedException refused(String what, Message answer) {
		String signing = (this.key != null) ? " with " + this.key : " unsigned";
		TSIGRecord tsig = answer.getTSIG();
		String tsigError = (tsig != null && tsig.getError() != Rcode.NOERROR)
				? " (TSIG error " + Rcode.TSIGstring(tsig.getError()) + ")" : "";
		return new RegistrationFailedException("DNS " + what + " in zone " + this.zone + signing + " was refused by "
				+ format(this.server.get()) + this.serverSource + ": " + Rcode.string(answer.getRcode()) + tsigError);
	}

	private static String format(InetSocketAddress address) {
		return address.getAddress().getHostAddress() + ":" + address.getPort();
	}

}
