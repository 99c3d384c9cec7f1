package io.dnssd.boot.mdns;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.dnssd.boot.model.LookupFailedException;
import io.dnssd.boot.model.Resolution;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Finds instances by continuous querying (RFC 6762 §5.2): each name in use is queried at
 * 1s, 2s, 4s and so on up to a ceiling, with the answers already known listed so
 * responders stay quiet about them (§7.1); records near the end of their TTL are asked
 * for again, and records an answer lacked are asked for once a second. Every change to
 * what a name resolves to is passed to the listeners as it happens, so announcements and
 * goodbyes take effect at once.
 */
final class MdnsBrowser implements Consumer<MdnsPacket> {

	private static final Log logger = LogFactory.getLog(MdnsBrowser.class);

	private static final long SWEEP_MS = 1000;

	private static final Duration FIRST_QUERY_INTERVAL = Duration.ofSeconds(1);

	private static final Duration ASK_AGAIN_AFTER = Duration.ofSeconds(1);

	/**
	 * How long a first lookup gathers answers after the first: the longest delay of a
	 * responder's answer about a shared record (RFC 6762 §6, 120 ms), plus margin for a
	 * busy host.
	 */
	private static final Duration SIBLING_ANSWERS = Duration.ofMillis(200);

	/**
	 * How long a first lookup waits at most for the records (SRV, TXT, address) that
	 * complete the instances its answers named.
	 */
	private static final Duration COMPLETION_LIMIT = Duration.ofMillis(600);

	private static final Duration COMPLETION_POLL = Duration.ofMillis(20);

	private static final Duration FORGET_ASKED_AFTER = Duration.ofMinutes(1);

	private final MdnsTransport transport;

	private final MdnsCache cache;

	private final MdnsTimers scheduler;

	private final Duration maxQueryInterval;

	private final CachedInstances instances;

	private final Map<Name, Browse> browses = new ConcurrentHashMap<>();

	private final Map<MdnsCache.Key, Instant> lastAsked = new ConcurrentHashMap<>();

	private final List<Consumer<Name>> listeners = new CopyOnWriteArrayList<>();

	private final AtomicBoolean sweeping = new AtomicBoolean();

	MdnsBrowser(MdnsTransport transport, MdnsCache cache, MdnsTimers scheduler, Duration maxQueryInterval,
			boolean ipv6) {
		this.transport = transport;
		this.cache = cache;
		this.scheduler = scheduler;
		this.maxQueryInterval = maxQueryInterval;
		this.instances = new CachedInstances(cache, ipv6);
	}

	/**
	 * Registers a listener for changes to what a browsed name resolves to.
	 * @param listener receives the name that changed
	 */
	void addListener(Consumer<Name> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Resolves the instances of a service type, browsing it from now on. The first call
	 * for a type, and any made while it runs, waits for the answers of every responder
	 * and for the records that complete the instances they name, at most {@code wait}.
	 * @param serviceType e.g. {@code _calc._tcp.local.}
	 * @param wait how long the first call may wait
	 * @return the instances
	 */
	Resolution resolve(Name serviceType, Duration wait) {
		browse(serviceType, true, wait);
		return assemble(serviceType);
	}

	/**
	 * Returns the targets of the PTR records at a name, browsing it from now on.
	 * @param name e.g. {@code _services._dns-sd._udp.local.}
	 * @param wait how long the first call may wait
	 * @return the targets
	 */
	List<Name> pointers(Name name, Duration wait) {
		browse(name, false, wait);
		return targets(name);
	}

	@Override
	public void accept(MdnsPacket packet) {
		if (!packet.isResponse() || packet.source().getPort() != MdnsTransport.PORT) {
			return;
		}
		if (this.cache.add(packet.message())) {
			changed();
		}
	}

	private void browse(Name name, boolean instances, Duration wait) {
		Browse existing = this.browses.get(name);
		if (existing != null) {
			awaitGathered(existing, wait);
			return;
		}
		Browse created = new Browse(name, instances);
		created.lastView = view(created);
		Browse other = this.browses.putIfAbsent(name, created);
		if (other != null) {
			awaitGathered(other, wait);
			return;
		}
		try {
			if (!this.cache.get(name, Type.PTR).isEmpty()) {
				created.answered.countDown();
			}
			startSweeping();
			Instant queried = Instant.now();
			RuntimeException failure = query(created);
			if (failure != null) {
				throw new LookupFailedException("Multicast DNS query for " + name + " could not be sent (retrying in"
						+ " the background): " + failure.getMessage(), failure);
			}
			gather(created, queried.plus(wait));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			created.gathered.countDown();
		}
	}

	/**
	 * Waits for the answers to a first query: for the first, then for every responder's
	 * (they delay answers about shared records by up to 120 ms, RFC 6762 §6), then for
	 * the records that complete the instances named, each bounded by the deadline.
	 * @param browse the browse queried
	 * @param deadline when the first lookup returns what it has
	 * @throws InterruptedException if interrupted while waiting
	 */
	private void gather(Browse browse, Instant deadline) throws InterruptedException {
		Instant start = Instant.now();
		if (!browse.answered.await(millisUntil(deadline), TimeUnit.MILLISECONDS)) {
			return;
		}
		sleepUntil(earliest(start.plus(SIBLING_ANSWERS), deadline));
		if (!browse.instances) {
			return;
		}
		Instant completeBy = earliest(start.plus(COMPLETION_LIMIT), deadline);
		while (!assembleAndAsk(browse.name).missing().isEmpty() && Instant.now().isBefore(completeBy)) {
			sleepUntil(earliest(Instant.now().plus(COMPLETION_POLL), completeBy));
		}
	}

	private void awaitGathered(Browse browse, Duration wait) {
		try {
			if (!browse.gathered.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.debug("Answers for " + browse.name + " still being gathered after " + wait);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Instant earliest(Instant first, Instant second) {
		return first.isBefore(second) ? first : second;
	}

	private static long millisUntil(Instant instant) {
		return Math.max(Duration.between(Instant.now(), instant).toMillis(), 0);
	}

	private static void sleepUntil(Instant instant) throws InterruptedException {
		long millis = millisUntil(instant);
		if (millis > 0) {
			Thread.sleep(millis);
		}
	}

	/**
	 * Stops browsing a name: no more queries are sent for it, and its records are no
	 * longer refreshed (they expire from the cache with their TTLs).
	 * @param name the name browsed
	 */
	void stopBrowsing(Name name) {
		Browse browse = this.browses.remove(name);
		if (browse != null) {
			ScheduledFuture<?> next = browse.next;
			if (next != null) {
				next.cancel(false);
			}
			logger.debug("Stopped browsing " + name + ": no longer used");
		}
	}

	/**
	 * Sends the next query of a browse and schedules the one after, also when this one
	 * could not be sent (then again after the first interval).
	 * @param browse the browse to query for
	 * @return the failure to send, if there was one
	 */
	private @Nullable RuntimeException query(Browse browse) {
		if (this.browses.get(browse.name) != browse) {
			return null;
		}
		RuntimeException failure = null;
		try {
			Message query = new Message(0);
			query.addRecord(Record.newRecord(browse.name, Type.PTR, DClass.IN), Section.QUESTION);
			this.cache.knownAnswers(browse.name, Type.PTR).forEach((known) -> query.addRecord(known, Section.ANSWER));
			this.transport.multicast(query);
			if (browse.failing) {
				logger.info("Multicast DNS query for " + browse.name + " is sent again");
				browse.failing = false;
			}
			browse.queries++;
		}
		catch (RuntimeException ex) {
			failure = ex;
			if (!browse.failing) {
				logger.warn(
						"Multicast DNS query for " + browse.name + " could not be sent, retrying: " + ex.getMessage());
				browse.failing = true;
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Multicast DNS query for " + browse.name + " could not be sent again: " + ex.getMessage());
			}
		}
		Duration next = FIRST_QUERY_INTERVAL.multipliedBy(1L << Math.min(Math.max(browse.queries - 1, 0), 30));
		if (next.compareTo(this.maxQueryInterval) > 0) {
			next = this.maxQueryInterval;
		}
		try {
			browse.next = this.scheduler.schedule(() -> query(browse), next.toMillis());
		}
		catch (RejectedExecutionException ex) {
			logger.debug("Stopped querying " + browse.name + ": shutting down");
		}
		return failure;
	}

	private void startSweeping() {
		if (this.sweeping.compareAndSet(false, true)) {
			this.scheduler.scheduleWithFixedDelay(this::sweep, SWEEP_MS);
		}
	}

	private void sweep() {
		try {
			this.lastAsked.values().removeIf((asked) -> asked.isBefore(Instant.now().minus(FORGET_ASKED_AFTER)));
			if (this.cache.expire()) {
				changed();
			}
			Set<Name> inUse = namesInUse();
			List<MdnsCache.Key> due = this.cache.dueForRefresh()
				.stream()
				.filter((key) -> inUse.contains(key.name()))
				.toList();
			if (!due.isEmpty()) {
				ask(due);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Multicast DNS cache maintenance failed: " + ex, ex);
		}
	}

	private void changed() {
		for (Browse browse : this.browses.values()) {
			Set<?> view = view(browse);
			if (!view.equals(browse.lastView)) {
				browse.lastView = view;
				if (!this.cache.get(browse.name, Type.PTR).isEmpty()) {
					browse.answered.countDown();
				}
				if (logger.isDebugEnabled()) {
					logger.debug(browse.name + " changed: " + view);
				}
				this.listeners.forEach((listener) -> listener.accept(browse.name));
			}
		}
	}

	private Set<?> view(Browse browse) {
		return browse.instances ? new HashSet<>(assemble(browse.name).instances())
				: new HashSet<>(targets(browse.name));
	}

	private List<Name> targets(Name name) {
		return this.cache.get(name, Type.PTR).stream().map((record) -> ((PTRRecord) record).getTarget()).toList();
	}

	private Set<Name> namesInUse() {
		Set<Name> names = new HashSet<>();
		for (Name name : this.browses.keySet()) {
			names.add(name);
			for (Record pointer : this.cache.get(name, Type.PTR)) {
				Name instance = ((PTRRecord) pointer).getTarget();
				names.add(instance);
				this.cache.get(instance, Type.SRV).forEach((srv) -> names.add(((SRVRecord) srv).getTarget()));
			}
		}
		return names;
	}

	private Resolution assemble(Name serviceType) {
		return assembleAndAsk(serviceType).resolution();
	}

	private CachedInstances.Assembly assembleAndAsk(Name serviceType) {
		CachedInstances.Assembly assembly = this.instances.assemble(serviceType);
		if (!assembly.missing().isEmpty()) {
			ask(assembly.missing());
		}
		return assembly;
	}

	/**
	 * Asks for records, each at most once a second.
	 * @param keys the names and types to ask for
	 */
	private void ask(List<MdnsCache.Key> keys) {
		Instant now = Instant.now();
		Message query = new Message(0);
		for (MdnsCache.Key key : keys) {
			Instant last = this.lastAsked.get(key);
			if (last == null || !now.isBefore(last.plus(ASK_AGAIN_AFTER))) {
				this.lastAsked.put(key, now);
				query.addRecord(Record.newRecord(key.name(), key.type(), DClass.IN), Section.QUESTION);
			}
		}
		if (!query.getSection(Section.QUESTION).isEmpty()) {
			this.transport.multicast(query);
		}
	}

	private static final class Browse {

		private final Name name;

		private final CountDownLatch answered = new CountDownLatch(1);

		private final CountDownLatch gathered = new CountDownLatch(1);

		private final boolean instances;

		private volatile Set<?> lastView = Set.of();

		private volatile int queries;

		private volatile boolean failing;

		private volatile @Nullable ScheduledFuture<?> next;

		Browse(Name name, boolean instances) {
			this.name = name;
			this.instances = instances;
		}

	}

}
