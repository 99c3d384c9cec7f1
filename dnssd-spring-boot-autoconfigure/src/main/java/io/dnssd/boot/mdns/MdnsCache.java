package io.dnssd.boot.mdns;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Records heard on the network, each kept for its TTL (RFC 6762 §5.2, §10): a record with
 * a TTL of 0 is a goodbye and goes at once (the shared service enumeration record after a
 * second, in which another responder may rescue it); a record with the cache-flush bit
 * replaces the other records of its name and type that arrived more than a second
 * earlier. Only the types DNS-SD needs are kept, and at most {@value #MAX_RECORDS}
 * records, so no sender can fill the memory.
 */
final class MdnsCache {

	static final int MAX_RECORDS = 10_000;

	private static final Log logger = LogFactory.getLog(MdnsCache.class);

	private static final Set<Integer> TYPES = Set.of(Type.PTR, Type.SRV, Type.TXT, Type.A, Type.AAAA);

	private static final Duration FLUSH_GRACE = Duration.ofSeconds(1);

	private static final Name ENUMERATION = Name.fromConstantString("_services._dns-sd._udp.local.");

	private static final double REFRESH_POINT = 0.8;

	private final Clock clock;

	private final Map<Key, Map<ByteBuffer, Entry>> entries = new HashMap<>();

	private int size;

	MdnsCache(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Adds the records of a response.
	 * @param response the response
	 * @return whether any record was added or removed
	 */
	synchronized boolean add(Message response) {
		Instant now = this.clock.instant();
		boolean changed = false;
		for (int section : new int[] { Section.ANSWER, Section.ADDITIONAL }) {
			for (Record record : response.getSection(section)) {
				if (TYPES.contains(record.getType()) && MdnsRecords.classOf(record.getDClass()) == DClass.IN) {
					changed |= add(record, now);
				}
			}
		}
		return changed;
	}

	/**
	 * Returns the live records of a name and type.
	 * @param name the owner name
	 * @param type the record type
	 * @return the records, each with its remaining TTL
	 */
	synchronized List<Record> get(Name name, int type) {
		Instant now = this.clock.instant();
		List<Record> live = new ArrayList<>();
		for (Entry entry : this.entries.getOrDefault(new Key(name, type), Map.of()).values()) {
			long remaining = Duration.between(now, entry.expires).toSeconds();
			if (remaining > 0) {
				live.add(MdnsRecords.withTtl(entry.record, remaining));
			}
		}
		return live;
	}

	/**
	 * Returns the records a query may list as known answers: those with more than half
	 * their TTL left (RFC 6762 §7.1).
	 * @param name the name asked for
	 * @param type the type asked for
	 * @return the known answers
	 */
	synchronized List<Record> knownAnswers(Name name, int type) {
		Instant now = this.clock.instant();
		List<Record> known = new ArrayList<>();
		for (Entry entry : this.entries.getOrDefault(new Key(name, type), Map.of()).values()) {
			long remaining = Duration.between(now, entry.expires).toSeconds();
			if (remaining > entry.record.getTTL() / 2) {
				known.add(MdnsRecords.withTtl(entry.record, remaining));
			}
		}
		return known;
	}

	/**
	 * Removes the records whose TTL ran out.
	 * @return whether any was removed
	 */
	synchronized boolean expire() {
		Instant now = this.clock.instant();
		boolean changed = false;
		for (Iterator<Map<ByteBuffer, Entry>> lists = this.entries.values().iterator(); lists.hasNext();) {
			Map<ByteBuffer, Entry> list = lists.next();
			int before = list.size();
			list.values().removeIf((entry) -> !now.isBefore(entry.expires));
			this.size -= before - list.size();
			changed |= before != list.size();
			if (list.isEmpty()) {
				lists.remove();
			}
		}
		return changed;
	}

	/**
	 * Returns the names and types of records past 80 % of their TTL that were not asked
	 * for again yet, and marks them asked (RFC 6762 §5.2).
	 * @return the names and types to ask for again
	 */
	synchronized List<Key> dueForRefresh() {
		Instant now = this.clock.instant();
		List<Key> due = new ArrayList<>();
		this.entries.forEach((key, list) -> {
			for (Entry entry : list.values()) {
				if (!entry.refreshAsked && !now.isBefore(entry.refreshAt)) {
					entry.refreshAsked = true;
					if (!due.contains(key)) {
						due.add(key);
					}
				}
			}
		});
		return due;
	}

	private boolean add(Record record, Instant now) {
		Key key = new Key(record.getName(), record.getType());
		ByteBuffer data = ByteBuffer.wrap(record.rdataToWireCanonical());
		Map<ByteBuffer, Entry> list = this.entries.computeIfAbsent(key, (k) -> new LinkedHashMap<>());
		int before = list.size();
		boolean changed;
		if (record.getTTL() == 0 && isEnumeration(record)) {
			Entry known = list.get(data);
			if (known != null) {
				list.put(data, new Entry(MdnsRecords.withTtl(record, 1), now));
			}
			changed = false;
		}
		else if (record.getTTL() == 0) {
			changed = list.remove(data) != null;
		}
		else {
			Instant flushBefore = now.minus(FLUSH_GRACE);
			changed = MdnsRecords.isCacheFlush(record) && list.entrySet()
				.removeIf((entry) -> !entry.getKey().equals(data) && entry.getValue().received.isBefore(flushBefore));
			boolean known = list.containsKey(data);
			if (known || this.size + list.size() - before < MAX_RECORDS) {
				list.put(data, new Entry(record, now));
				changed |= !known;
			}
			else {
				logger.debug("Multicast DNS cache is full (" + MAX_RECORDS + " records); dropping " + record);
			}
		}
		this.size += list.size() - before;
		if (list.isEmpty()) {
			this.entries.remove(key);
		}
		return changed;
	}

	/**
	 * Returns whether a record lists a service type in the service enumeration, a record
	 * every responder of the type shares: its goodbye leaves it a second to be rescued by
	 * another responder (RFC 6762 §10.1) rather than removing it at once.
	 * @param record a record
	 * @return whether it is a service enumeration PTR record
	 */
	private static boolean isEnumeration(Record record) {
		return record.getType() == Type.PTR && record.getName().equals(ENUMERATION);
	}

	/**
	 * Name and type of cached records.
	 *
	 * @param name the owner name
	 * @param type the record type
	 */
	record Key(Name name, int type) {
	}

	private static final class Entry {

		private final Record record;

		private final Instant received;

		private final Instant expires;

		private final Instant refreshAt;

		private boolean refreshAsked;

		Entry(Record record, Instant received) {
			this.record = MdnsRecords.with(record, DClass.IN, record.getTTL());
			this.received = received;
			this.expires = received.plusSeconds(record.getTTL());
			this.refreshAt = received.plusMillis((long) (record.getTTL() * 1000 * REFRESH_POINT));
		}

	}

}
