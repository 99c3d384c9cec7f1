package io.dnssd.boot.mdns;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import io.dnssd.boot.model.InstanceName;
import io.dnssd.boot.model.RegistrationFailedException;
import io.dnssd.boot.model.ServiceRegistration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Answers for this application's own records (RFC 6762): probes for its names before it
 * claims them and renames the instance on a conflict ("calc" becomes "calc (2)"),
 * announces them, answers queries with known-answer suppression, defends the names it won
 * against another host's conflicting answers and gives one up when the conflicts go on
 * ({@link NameDefence}), and says goodbye with a TTL of 0.
 */
final class MdnsResponder implements Consumer<MdnsPacket> {

	private static final Log logger = LogFactory.getLog(MdnsResponder.class);

	private static final long PROBE_INTERVAL_MS = 250;

	private static final int PROBES = 3;

	private static final long TIE_BACKOFF_MS = 1000;

	private static final long ANNOUNCE_INTERVAL_MS = 1000;

	private static final int MAX_ATTEMPTS = 15;

	private static final int SHARED_DELAY_MIN_MS = 20;

	private static final int SHARED_DELAY_MAX_MS = 120;

	private static final long LEGACY_MAX_TTL = 10;

	private final MdnsTransport transport;

	private final MdnsTimers scheduler;

	private final Map<InstanceName, PublishedRecords> published = new ConcurrentHashMap<>();

	private final Map<InstanceName, InstanceName> assignedNames = new ConcurrentHashMap<>();

	private final List<NameProbe> probes = new CopyOnWriteArrayList<>();

	private final Map<InstanceName, NameDefence> defences = new ConcurrentHashMap<>();

	/** Instances probing again for a name they gave up; removed when unpublished. */
	private final Set<InstanceName> reprobing = ConcurrentHashMap.newKeySet();

	/** Held while sending delayed answers and goodbyes, so none overtakes the other. */
	private final Object sending = new Object();

	MdnsResponder(MdnsTransport transport, MdnsTimers scheduler) {
		this.transport = transport;
		this.scheduler = scheduler;
	}

	/**
	 * Returns the name an instance answers under: the one it won, or the configured one
	 * before it won any.
	 * @param requested the instance name as configured
	 * @return the name won
	 */
	InstanceName nameOf(InstanceName requested) {
		return this.assignedNames.getOrDefault(requested, requested);
	}

	/**
	 * Probes for the instance's names, renaming it on conflicts, then announces its
	 * records. Blocks for the probes, about a second.
	 * @param requested the registration as configured
	 * @param ttl time to live of the records
	 * @return the registration under the name that was won
	 * @throws RegistrationFailedException if no free name was found or the thread was
	 * interrupted
	 */
	ServiceRegistration publish(ServiceRegistration requested, Duration ttl) {
		InstanceName wanted = nameOf(requested.instance());
		ServiceRegistration candidate = withName(requested, wanted);
		// names are numbered by conflicts, not attempts: a lost tie tries the same name
		// again
		int number = 1;
		for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			PublishedRecords records = PublishedRecords.of(candidate, ttl.toSeconds());
			NameProbe.Outcome outcome = probe(records);
			if (outcome == null) {
				claim(requested, records);
				return candidate;
			}
			if (outcome == NameProbe.Outcome.CONFLICT) {
				number++;
				InstanceName next = nextName(requested.instance(), number);
				logger.info("Instance name '" + candidate.instance().value() + "' of service '" + requested.service()
						+ "' is taken on the network; trying '" + next.value() + "'");
				candidate = withName(requested, next);
			}
			else {
				sleep(TIE_BACKOFF_MS);
			}
		}
		throw new RegistrationFailedException("No free instance name for '" + requested.instance().value()
				+ "' of service '" + requested.service() + "' after " + MAX_ATTEMPTS + " probes");
	}

	/**
	 * Stops answering for an instance and sends goodbye packets, so peers drop it at
	 * once.
	 * @param requested the registration as configured
	 * @return whether the instance was published
	 */
	boolean unpublish(ServiceRegistration requested) {
		synchronized (this.sending) {
			this.reprobing.remove(requested.instance());
			this.defences.remove(requested.instance());
			PublishedRecords records = this.published.remove(requested.instance());
			if (records == null) {
				return false;
			}
			boolean typeStillPublished = this.published.values()
				.stream()
				.anyMatch((other) -> MdnsRecords.sameData(other.enumeration(), records.enumeration()));
			this.transport.multicast(response(records.goodbye(typeStillPublished)));
			return true;
		}
	}

	@Override
	public void accept(MdnsPacket packet) {
		this.probes.forEach((probe) -> probe.seen(packet));
		if (!packet.isResponse()) {
			answer(packet);
		}
		else if (!packet.own()) {
			rescueSharedRecords(packet.message());
			defendNames(packet.message());
		}
	}

	/**
	 * Answers another host's response that contradicts a name this application won: with
	 * its own records at once while {@link NameDefence} says so, else by giving the name
	 * up and probing again in the background.
	 * @param response a response from another host
	 */
	private void defendNames(Message response) {
		for (Map.Entry<InstanceName, PublishedRecords> entry : this.published.entrySet()) {
			PublishedRecords records = entry.getValue();
			if (!contradicts(response, records)) {
				continue;
			}
			String name = records.registration().instance().value();
			String service = records.registration().service().toString();
			NameDefence defence = this.defences.computeIfAbsent(entry.getKey(), (key) -> new NameDefence());
			if (defence.defend(System.nanoTime())) {
				logger.warn("Another host answers for instance '" + name + "' of service '" + service
						+ "' with other data; defending the name");
				synchronized (this.sending) {
					if (this.published.get(entry.getKey()) == records) {
						this.transport.multicast(response(records.unique()));
					}
				}
			}
			else {
				logger.warn("Another host keeps answering for instance '" + name + "' of service '" + service + "' ("
						+ NameDefence.DEFENCES + " defences within " + NameDefence.WINDOW.toSeconds()
						+ " s); giving the name up and probing again");
				giveUp(entry.getKey(), records);
			}
		}
	}

	private static boolean contradicts(Message response, PublishedRecords records) {
		for (int section : new int[] { Section.ANSWER, Section.ADDITIONAL }) {
			for (Record record : response.getSection(section)) {
				if (records.isContradictedBy(record)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Stops answering for the name given up and publishes the instance again from it: a
	 * probe that meets the other host's answer renames the instance, one that meets
	 * silence claims the name once more.
	 * @param key the instance as configured
	 * @param records what it published
	 */
	private void giveUp(InstanceName key, PublishedRecords records) {
		if (!this.published.remove(key, records)) {
			return;
		}
		this.defences.remove(key);
		this.reprobing.add(key);
		ServiceRegistration requested = withName(records.registration(), key);
		Duration ttl = Duration.ofSeconds(records.service().getTTL());
		try {
			this.scheduler.schedule(() -> republish(requested, ttl), 0);
		}
		catch (RejectedExecutionException ex) {
			logger.debug("Not probing again: the engine is closed");
		}
	}

	private void republish(ServiceRegistration requested, Duration ttl) {
		try {
			ServiceRegistration won = publish(requested, ttl);
			if (!this.reprobing.remove(requested.instance())) {
				unpublish(requested);
				return;
			}
			logger.info("Instance '" + requested.instance().value() + "' of service '" + requested.service()
					+ "' is published as '" + won.instance().value() + "'");
		}
		catch (RegistrationFailedException ex) {
			this.reprobing.remove(requested.instance());
			logger.warn("Instance '" + requested.instance().value() + "' of service '" + requested.service()
					+ "' is no longer published: " + ex.getMessage());
		}
	}

	/**
	 * Answers another responder's goodbye for the service enumeration record that this
	 * one still publishes, within the second peers keep it (RFC 6762 §10.1), so the
	 * service type does not vanish while instances of it remain.
	 * @param response a response from another responder
	 */
	private void rescueSharedRecords(Message response) {
		for (Record record : response.getSection(Section.ANSWER)) {
			if (record.getTTL() != 0) {
				continue;
			}
			for (PublishedRecords records : this.published.values()) {
				if (MdnsRecords.sameData(record, records.enumeration())) {
					sendLater(List.of(records.enumeration()), List.of(), Map.of(records.enumeration(), records));
					return;
				}
			}
		}
	}

	private NameProbe.@Nullable Outcome probe(PublishedRecords records) {
		NameProbe probe = new NameProbe(records);
		this.probes.add(probe);
		try {
			sleep(ThreadLocalRandom.current().nextLong(PROBE_INTERVAL_MS));
			for (int i = 0; i < PROBES && probe.outcome() == null; i++) {
				this.transport.multicast(probeQuery(records));
				sleep(PROBE_INTERVAL_MS);
			}
			return probe.outcome();
		}
		finally {
			this.probes.remove(probe);
		}
	}

	private void claim(ServiceRegistration requested, PublishedRecords records) {
		this.assignedNames.put(requested.instance(), records.registration().instance());
		this.published.put(requested.instance(), records);
		Message announcement = response(records.all());
		this.transport.multicast(announcement);
		this.scheduler.schedule(() -> {
			if (this.published.get(requested.instance()) == records) {
				this.transport.multicast(announcement);
			}
		}, ANNOUNCE_INTERVAL_MS);
	}

	private void answer(MdnsPacket packet) {
		Message query = packet.message();
		List<Record> knownAnswers = query.getSection(Section.ANSWER);
		boolean probe = !query.getSection(Section.AUTHORITY).isEmpty();
		Set<Record> answers = new LinkedHashSet<>();
		Set<Record> additional = new LinkedHashSet<>();
		Map<Record, PublishedRecords> origins = new IdentityHashMap<>();
		for (Record question : query.getSection(Section.QUESTION)) {
			int dclass = MdnsRecords.classOf(question.getDClass());
			if (dclass != DClass.IN && dclass != DClass.ANY) {
				continue;
			}
			for (PublishedRecords records : this.published.values()) {
				for (Record answer : records.answers(question.getName(), question.getType())) {
					if (!isKnown(answer, knownAnswers)) {
						answers.add(answer);
						origins.putIfAbsent(answer, records);
						for (Record more : records.additionalFor(answer)) {
							additional.add(more);
							origins.putIfAbsent(more, records);
						}
					}
				}
			}
		}
		if (answers.isEmpty()) {
			return;
		}
		additional.removeAll(answers);
		if (packet.isLegacyQuery()) {
			this.transport.unicast(legacyResponse(query, answers, additional), packet.source());
			return;
		}
		boolean shared = answers.stream().anyMatch((record) -> record.getType() == Type.PTR);
		if (shared && !probe) {
			sendLater(List.copyOf(answers), List.copyOf(additional), origins);
		}
		else {
			Message response = response(answers);
			additional.forEach((record) -> response.addRecord(record, Section.ADDITIONAL));
			this.transport.multicast(response);
		}
	}

	/**
	 * Sends records after the random delay of shared answers (RFC 6762 §6), but only
	 * those whose instance is still published then: nothing of an instance leaves after
	 * its goodbye.
	 * @param answers the answers
	 * @param additional the additional records
	 * @param origins the published instance each record belongs to
	 */
	private void sendLater(List<Record> answers, List<Record> additional, Map<Record, PublishedRecords> origins) {
		long delay = ThreadLocalRandom.current().nextLong(SHARED_DELAY_MIN_MS, SHARED_DELAY_MAX_MS + 1);
		try {
			this.scheduler.schedule(() -> {
				synchronized (this.sending) {
					List<Record> stillAnswers = stillPublished(answers, origins);
					if (stillAnswers.isEmpty()) {
						return;
					}
					Message response = response(stillAnswers);
					stillPublished(additional, origins)
						.forEach((record) -> response.addRecord(record, Section.ADDITIONAL));
					this.transport.multicast(response);
				}
			}, delay);
		}
		catch (RejectedExecutionException ex) {
			logger.debug("Not answering: the engine is closed");
		}
	}

	private List<Record> stillPublished(List<Record> records, Map<Record, PublishedRecords> origins) {
		return records.stream().filter((record) -> {
			PublishedRecords origin = origins.get(record);
			return origin != null && this.published.values().stream().anyMatch((published) -> published == origin);
		}).toList();
	}

	/**
	 * Known-answer suppression (RFC 6762 §7.1).
	 * @param answer an answer this responder would send
	 * @param knownAnswers the answers the query lists as known
	 * @return whether the querier knows the answer already
	 */
	private static boolean isKnown(Record answer, List<Record> knownAnswers) {
		return knownAnswers.stream()
			.anyMatch((known) -> MdnsRecords.sameData(known, answer) && known.getTTL() >= answer.getTTL() / 2);
	}

	private static Message probeQuery(PublishedRecords records) {
		Message query = new Message(0);
		query.addRecord(Record.newRecord(records.names().instance(), Type.ANY, DClass.IN), Section.QUESTION);
		query.addRecord(Record.newRecord(records.names().target(), Type.ANY, DClass.IN), Section.QUESTION);
		records.unique().forEach((record) -> query.addRecord(record, Section.AUTHORITY));
		return query;
	}

	private static Message response(Iterable<Record> answers) {
		Message response = new Message(0);
		response.getHeader().setFlag(Flags.QR);
		response.getHeader().setFlag(Flags.AA);
		answers.forEach((record) -> response.addRecord(record, Section.ANSWER));
		return response;
	}

	/**
	 * A unicast reply to a legacy resolver (RFC 6762 §6.7): its id and question, no
	 * cache-flush bits.
	 * @param query the legacy query
	 * @param answers the answers
	 * @param additional the additional records
	 * @return the reply
	 */
	private static Message legacyResponse(Message query, Set<Record> answers, Set<Record> additional) {
		Message response = new Message(query.getHeader().getID());
		response.getHeader().setFlag(Flags.QR);
		response.getHeader().setFlag(Flags.AA);
		query.getSection(Section.QUESTION).forEach((question) -> response.addRecord(question, Section.QUESTION));
		answers.forEach((record) -> response.addRecord(legacy(record), Section.ANSWER));
		additional.forEach((record) -> response.addRecord(legacy(record), Section.ADDITIONAL));
		return response;
	}

	private static Record legacy(Record record) {
		return MdnsRecords.with(record, DClass.IN, Math.min(record.getTTL(), LEGACY_MAX_TTL));
	}

	private static InstanceName nextName(InstanceName base, int number) {
		String suffix = " (" + number + ")";
		String value = base.value();
		while (value.getBytes(StandardCharsets.UTF_8).length + suffix.length() > 63) {
			value = value.substring(0, value.length() - 1);
		}
		return new InstanceName(value + suffix);
	}

	private static ServiceRegistration withName(ServiceRegistration registration, InstanceName name) {
		return new ServiceRegistration(registration.service(), name, registration.address(), registration.port(),
				registration.priority(), registration.weight(), registration.attributes());
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RegistrationFailedException("Interrupted while probing for a multicast DNS name", ex);
		}
	}

}
