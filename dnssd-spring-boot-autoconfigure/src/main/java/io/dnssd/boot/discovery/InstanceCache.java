package io.dnssd.boot.discovery;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Function;

import io.dnssd.boot.ExponentialBackoff;
import io.dnssd.boot.discovery.CachedService.Snapshot;
import io.dnssd.boot.model.Instance;
import io.dnssd.boot.model.InstanceSource;
import io.dnssd.boot.model.Resolution;
import io.dnssd.boot.model.UnresolvableServiceException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.lang.Contract;
import org.springframework.scheduling.TaskScheduler;

/**
 * Instances of each service in use, resolved through an {@link InstanceSource}.
 * <p>
 * An answer is cached for its TTL, clamped between {@code min-ttl} and {@code max-ttl},
 * and refreshed in the background before it runs out for as long as the service is used,
 * so a caller waits for a lookup only the first time (or after the service went idle).
 * When lookups fail the last good answer is served for up to {@code stale-if-error} after
 * its TTL, with a WARN line; a successful answer with no instances empties the list at
 * once. A service unused for {@code idle-timeout} is forgotten, and its source is told
 * so. Listeners hear of changes after the service's lock is released, in the order they
 * happened, so a listener may look up other services.
 */
public final class InstanceCache implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(InstanceCache.class);

	private static final double REFRESH_POINT = 0.75;

	private static final int MAX_UNRESOLVABLE = 1024;

	/** How often a caller with nothing served may bring the next lookup forward. */
	private static final Duration RETRY_SOON_AFTER = Duration.ofSeconds(1);

	private static final ExponentialBackoff BACKOFF = new ExponentialBackoff(Duration.ofSeconds(1),
			Duration.ofSeconds(30), 0);

	private final InstanceSource source;

	private final CacheSettings settings;

	private final Function<String, InstanceFilter> filters;

	private final List<InstanceCacheListener> listeners;

	private final TaskScheduler scheduler;

	private final InstanceLimits limits;

	private final ConcurrentMap<String, CachedService> services = new ConcurrentHashMap<>();

	/** Services the source can never resolve, answered with no instances at once. */
	private final Set<String> unresolvable = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	/**
	 * Creates a cache.
	 * @param source where instances come from
	 * @param settings the TTL bounds and the stale and idle periods
	 * @param filters the attribute filter of each service
	 * @param listeners receive lookups and changes
	 * @param scheduler runs background refreshes; its clock times TTLs
	 * @param limits bounds on the instances and attributes kept per service
	 */
	public InstanceCache(InstanceSource source, CacheSettings settings, Function<String, InstanceFilter> filters,
			List<InstanceCacheListener> listeners, TaskScheduler scheduler, InstanceLimits limits) {
		this.source = source;
		this.settings = settings;
		this.filters = filters;
		this.listeners = List.copyOf(listeners);
		this.scheduler = scheduler;
		this.limits = limits;
		source.subscribe(this::sourceChanged);
	}

	/**
	 * Returns the instances of a service; waits for a lookup only when the service is not
	 * being refreshed in the background. Never throws for a failed lookup.
	 * @param serviceId the service
	 * @return the instances, empty when there are none or nothing can be served
	 */
	public List<ServiceInstance> getInstances(String serviceId) {
		long start = System.nanoTime();
		if (this.unresolvable.contains(serviceId)) {
			lookedUp(serviceId, LookupOutcome.ERROR, start);
			return List.of();
		}
		CachedService service = this.services.get(serviceId);
		if (service == null) {
			service = this.services.computeIfAbsent(serviceId, CachedService::new);
		}
		long now = nowMillis();
		service.lastAccessMillis = now;
		Snapshot snapshot = service.snapshot;
		if (isFresh(snapshot, now)) {
			// the hot path: no allocation, no lock
			deliverChanges(service);
			lookedUp(serviceId, LookupOutcome.HIT, start);
			return snapshot.instances();
		}
		Served served = serve(service);
		if (served.outcome() == LookupOutcome.ERROR) {
			retrySoon(service);
		}
		deliverChanges(service);
		lookedUp(serviceId, served.outcome(), start);
		return served.instances();
	}

	/**
	 * Returns whether {@link #getInstances(String)} would wait for a lookup.
	 * @param serviceId the service
	 * @return {@code true} if the service is not cached fresh and not refreshed in the
	 * background
	 */
	public boolean wouldWait(String serviceId) {
		CachedService service = this.services.get(serviceId);
		return service == null || (!service.refreshing && !isFresh(service.snapshot, nowMillis()));
	}

	/**
	 * Returns the services in use, those cached and refreshed.
	 * @return the service ids
	 */
	public Set<String> serviceIds() {
		return Set.copyOf(this.services.keySet());
	}

	/**
	 * Stops refreshing: cancels every scheduled refresh. The scheduler is not shut down,
	 * it is shared.
	 */
	@Override
	public void close() {
		this.closed = true;
		for (CachedService service : this.services.values()) {
			ScheduledFuture<?> next = service.next;
			if (next != null) {
				next.cancel(false);
			}
		}
	}

	/**
	 * Refreshes a service in use at once when its source says it changed.
	 * @param serviceId the service that changed
	 */
	private void sourceChanged(String serviceId) {
		CachedService service = this.services.get(serviceId);
		if (service == null || this.closed) {
			return;
		}
		try {
			this.scheduler.schedule(() -> {
				synchronized (service) {
					refresh(service);
				}
				deliverChanges(service);
			}, now());
		}
		catch (RejectedExecutionException ex) {
			logger.debug("Change of service '" + serviceId + "' ignored: the scheduler is shut down");
		}
	}

	/**
	 * Serves a service whose snapshot was not fresh when {@link #getInstances(String)}
	 * looked.
	 * @param service the service
	 * @return what is served and how
	 */
	private Served serve(CachedService service) {
		if (service.refreshing) {
			return servedWhileRefreshing(service);
		}
		synchronized (service) {
			Snapshot current = service.snapshot;
			if (isFresh(current, now())) {
				return new Served(LookupOutcome.HIT, current.instances());
			}
			if (service.refreshing) {
				return servedWhileRefreshing(service);
			}
			if (refresh(service)) {
				Snapshot refreshed = Objects.requireNonNull(service.snapshot, "written by the refresh");
				return new Served(LookupOutcome.MISS, refreshed.instances());
			}
			return servedWhileRefreshing(service);
		}
	}

	private Served servedWhileRefreshing(CachedService service) {
		Snapshot snapshot = service.snapshot;
		Instant now = now();
		if (snapshot == null) {
			return new Served(LookupOutcome.ERROR, List.of());
		}
		if (isFresh(snapshot, now)) {
			return new Served(LookupOutcome.HIT, snapshot.instances());
		}
		if (service.failures == 0) {
			return new Served(LookupOutcome.EXPIRED, snapshot.instances());
		}
		if (now.isBefore(snapshot.staleUntil())) {
			return new Served(LookupOutcome.STALE, snapshot.instances());
		}
		return new Served(LookupOutcome.ERROR, List.of());
	}

	private void refreshInBackground(CachedService service) {
		synchronized (service) {
			if (this.closed) {
				service.refreshing = false;
				return;
			}
			long idleSince = service.lastAccessMillis + this.settings.idleTimeout().toMillis();
			if (nowMillis() > idleSince) {
				forget(service);
				return;
			}
			refresh(service);
		}
		deliverChanges(service);
	}

	/**
	 * Brings the next lookup of a service with nothing to serve forward to now, at most
	 * once a second, so a caller is answered within about a second of the backend's
	 * return rather than after the backoff.
	 * @param service the service nothing could be served for
	 */
	private void retrySoon(CachedService service) {
		Instant now = now();
		if (service.failures == 0 || this.closed || now.isBefore(service.lastAttempt.plus(RETRY_SOON_AFTER))) {
			return;
		}
		synchronized (service) {
			if (now.isBefore(service.lastAttempt.plus(RETRY_SOON_AFTER))) {
				return;
			}
			service.lastAttempt = now;
			schedule(service, Duration.ZERO);
		}
	}

	/**
	 * Drops an idle service, and tells the source it is no longer used unless a caller
	 * started using it again under a new entry.
	 * @param service the idle service
	 */
	private void forget(CachedService service) {
		service.refreshing = false;
		if (this.services.remove(service.serviceId, service)) {
			logger.debug("Service '" + service.serviceId + "' is idle, it is forgotten");
			this.source.release(service.serviceId);
		}
	}

	private boolean refresh(CachedService service) {
		service.lastAttempt = now();
		Resolution resolution;
		try {
			resolution = this.source.resolve(service.serviceId);
		}
		catch (UnresolvableServiceException ex) {
			unresolvable(service, ex);
			return false;
		}
		catch (RuntimeException ex) {
			failed(service, ex);
			return false;
		}
		InstanceFilter filter = this.filters.apply(service.serviceId);
		// filtered before the limits, so an attribute past the byte limit still counts
		// for the filter
		List<Instance> matching = resolution.instances().stream().filter(filter::matches).toList();
		List<ServiceInstance> instances = this.limits.apply(service.serviceId, matching)
			.stream()
			.map((instance) -> ServiceInstanceMapper.toServiceInstance(service.serviceId, instance))
			.toList();
		Duration ttl = this.settings.clamp(resolution.ttl());
		Instant now = now();
		Snapshot previous = service.snapshot;
		service.snapshot = new Snapshot(instances, now, now.plus(ttl),
				now.plus(ttl).plus(this.settings.staleIfError()));
		if (service.failures > 0) {
			logger.info("Lookup of service '" + service.serviceId + "' succeeds again after " + service.failures
					+ " failed attempts: " + instances.size() + " instances");
		}
		service.failures = 0;
		if (logger.isDebugEnabled()) {
			logger.debug("Service '" + service.serviceId + "': " + instances.size() + " of "
					+ resolution.instances().size() + " instances match " + filter + ", cached for " + ttl);
		}
		schedule(service, Duration.ofMillis((long) (ttl.toMillis() * REFRESH_POINT)));
		if (previous == null || changed(previous.instances(), instances)) {
			service.undelivered.add(instances);
		}
		return true;
	}

	/**
	 * Remembers a service the source can never resolve, so it is answered at once and not
	 * retried; the memory is bounded, a hostile caller cannot grow it without end.
	 * @param service the service
	 * @param ex why it cannot be resolved
	 */
	private void unresolvable(CachedService service, UnresolvableServiceException ex) {
		if (this.unresolvable.size() >= MAX_UNRESOLVABLE) {
			this.unresolvable.clear();
		}
		if (this.unresolvable.add(service.serviceId)) {
			logger.warn("Service '" + service.serviceId + "' cannot be looked up; it gets no instances and is not"
					+ " retried: " + ex.getMessage());
		}
		service.refreshing = false;
		this.services.remove(service.serviceId, service);
	}

	private void failed(CachedService service, RuntimeException ex) {
		service.failures++;
		Snapshot snapshot = service.snapshot;
		Instant now = now();
		if (service.failures == 1) {
			String serving = (snapshot != null) ? "serving the " + snapshot.instances().size() + " instances found at "
					+ snapshot.fetchedAt() + " until " + snapshot.staleUntil() : "no earlier answer to serve";
			logger.warn("Lookup of service '" + service.serviceId + "' failed, retrying; " + serving + ": "
					+ ex.getMessage());
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Lookup of service '" + service.serviceId + "' failed again (" + service.failures
					+ " in a row): " + ex.getMessage());
		}
		if (snapshot != null && !now.isBefore(snapshot.staleUntil()) && !snapshot.instances().isEmpty()) {
			logger.warn("Stale answer for service '" + service.serviceId + "' is older than stale-if-error ("
					+ this.settings.staleIfError() + "); no instances are served until a lookup succeeds");
			service.snapshot = new Snapshot(List.of(), now, now, now);
			service.undelivered.add(List.of());
		}
		schedule(service, retryDelay(service, now));
	}

	/**
	 * Doubles the delay with each failure up to a ceiling, but retries no later than the
	 * moment the stale answer runs out, so that moment is noticed when it comes.
	 * @param service the service whose lookup failed
	 * @param now the time now
	 * @return the delay before the next lookup
	 */
	private Duration retryDelay(CachedService service, Instant now) {
		Duration retry = BACKOFF.delay(service.failures);
		Snapshot snapshot = service.snapshot;
		if (snapshot != null && now.isBefore(snapshot.staleUntil())) {
			Duration untilStale = Duration.between(now, snapshot.staleUntil());
			return (untilStale.compareTo(retry) < 0) ? untilStale : retry;
		}
		return retry;
	}

	private void schedule(CachedService service, Duration delay) {
		ScheduledFuture<?> previous = service.next;
		if (previous != null) {
			previous.cancel(false);
		}
		if (this.closed) {
			service.refreshing = false;
			return;
		}
		try {
			service.next = this.scheduler.schedule(() -> refreshInBackground(service), now().plus(delay));
			service.refreshing = true;
		}
		catch (RejectedExecutionException ex) {
			service.refreshing = false;
		}
	}

	/**
	 * Delivers the queued changes of a service to the listeners, holding no lock; if
	 * another thread is delivering them, it delivers these too.
	 * @param service the service whose changes are delivered
	 */
	private void deliverChanges(CachedService service) {
		while (!service.undelivered.isEmpty() && service.delivering.compareAndSet(false, true)) {
			try {
				List<ServiceInstance> instances;
				while ((instances = service.undelivered.poll()) != null) {
					for (InstanceCacheListener listener : this.listeners) {
						listener.changed(service.serviceId, instances);
					}
				}
			}
			finally {
				service.delivering.set(false);
			}
		}
	}

	private void lookedUp(String serviceId, LookupOutcome outcome, long start) {
		if (this.listeners.isEmpty()) {
			return;
		}
		long nanos = System.nanoTime() - start;
		for (InstanceCacheListener listener : this.listeners) {
			listener.lookedUp(serviceId, outcome, nanos);
		}
	}

	private Instant now() {
		return this.scheduler.getClock().instant();
	}

	private long nowMillis() {
		return this.scheduler.getClock().millis();
	}

	private static boolean changed(List<ServiceInstance> previous, List<ServiceInstance> current) {
		return previous.size() != current.size() || !new HashSet<>(previous).equals(Set.copyOf(current));
	}

	@Contract("null, _ -> false")
	private static boolean isFresh(@Nullable Snapshot snapshot, Instant now) {
		return isFresh(snapshot, now.toEpochMilli());
	}

	@Contract("null, _ -> false")
	private static boolean isFresh(@Nullable Snapshot snapshot, long nowMillis) {
		return snapshot != null && nowMillis < snapshot.expiresAt().toEpochMilli();
	}

	private record Served(LookupOutcome outcome, List<ServiceInstance> instances) {
	}

}
