package io.dnssd.boot.loadbalancer;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Passive outlier ejection for the instances of one service, as Envoy's and gRPC's
 * outlier detection do it: an instance whose calls failed
 * {@link OutlierEjection#consecutiveFailures() that many times in a row} is ejected for
 * the base ejection time multiplied by the number of its recent ejections (up to the
 * maximum, which also bounds the multiplier), unless that would eject more than the
 * allowed share of the service. An ejected instance comes back when its time runs out,
 * with its failure count cleared; each {@link OutlierEjection#interval() interval} it
 * then stays takes one step off the multiplier. Thread-safe; a call's outcome costs one
 * atomic update unless it ejects.
 */
final class OutlierDetector {

	private static final Log logger = LogFactory.getLog(OutlierDetector.class);

	private final String serviceId;

	private final OutlierEjection settings;

	private final LongSupplier nanoTime;

	private final OutlierEjectionListener listener;

	private final Map<Endpoint, Health> health = new ConcurrentHashMap<>();

	private volatile Ejections ejections = Ejections.NONE;

	/** The number of the service's instances the load balancer last chose from. */
	private volatile int instances = 1;

	/**
	 * Creates a detector.
	 * @param serviceId the service, for logs
	 * @param settings the settings
	 * @param nanoTime the clock, {@link System#nanoTime()} outside tests
	 * @param listener told of every ejection and return
	 */
	OutlierDetector(String serviceId, OutlierEjection settings, LongSupplier nanoTime,
			OutlierEjectionListener listener) {
		this.serviceId = serviceId;
		this.settings = settings;
		this.nanoTime = nanoTime;
		this.listener = listener;
	}

	/**
	 * Notes a call to an instance that succeeded: its failures in a row start again.
	 * @param instance the instance called
	 */
	void succeeded(ServiceInstance instance) {
		Health state = this.health.get(Endpoint.of(instance));
		if (state != null && state.failures.get() != 0) {
			state.failures.set(0);
		}
	}

	/**
	 * Notes a call to an instance that failed, and ejects the instance if that makes
	 * enough failures in a row and the service's share allows it.
	 * @param instance the instance called
	 */
	void failed(ServiceInstance instance) {
		Endpoint endpoint = Endpoint.of(instance);
		Health state = this.health.computeIfAbsent(endpoint, (key) -> new Health());
		if (state.failures.incrementAndGet() >= this.settings.consecutiveFailures()) {
			eject(endpoint, state);
		}
	}

	/**
	 * Returns the ejections in force now, first bringing back the instances whose time
	 * ran out. The same object is returned for as long as nothing changes.
	 * @return the current ejections
	 */
	Ejections current() {
		Ejections current = this.ejections;
		return current.anyDue(this.nanoTime.getAsLong()) ? bringBack() : current;
	}

	/**
	 * Notes the instances the load balancer chooses from: their number bounds the share
	 * ejected, and instances no longer among them are forgotten.
	 * @param all every instance of the service
	 */
	synchronized void observe(List<ServiceInstance> all) {
		this.instances = Math.max(1, all.size());
		Set<Endpoint> present = new HashSet<>();
		all.forEach((instance) -> present.add(Endpoint.of(instance)));
		this.health.keySet().retainAll(present);
		Map<Endpoint, Long> kept = new HashMap<>(this.ejections.until());
		if (kept.keySet().retainAll(present)) {
			this.ejections.endpoints()
				.stream()
				.filter((endpoint) -> !present.contains(endpoint))
				.forEach((gone) -> this.listener.returned(this.serviceId, gone.toString()));
			this.ejections = Ejections.of(kept);
		}
	}

	private synchronized void eject(Endpoint endpoint, Health state) {
		long now = this.nanoTime.getAsLong();
		Ejections current = this.ejections.anyDue(now) ? bringBack() : this.ejections;
		if (current.until().containsKey(endpoint) || state.failures.get() < this.settings.consecutiveFailures()) {
			return;
		}
		int most = this.settings.mostEjected(this.instances);
		if (current.until().size() >= most) {
			if (logger.isDebugEnabled()) {
				logger.debug("Not ejecting " + endpoint + " of service '" + this.serviceId + "': " + most + " of its "
						+ this.instances + " instances are ejected already");
			}
			return;
		}
		Duration time = state.nextEjection(now, this.settings);
		Map<Endpoint, Long> until = new HashMap<>(current.until());
		until.put(endpoint, now + time.toNanos());
		this.ejections = Ejections.of(until);
		this.listener.ejected(this.serviceId, endpoint.toString(), time);
		logger.warn("Ejected " + endpoint + " of service '" + this.serviceId + "' from the choice for "
				+ time.toSeconds() + " s after " + state.failures.get() + " failed calls in a row (" + until.size()
				+ " of " + this.instances + " instances ejected)");
	}

	private synchronized Ejections bringBack() {
		long now = this.nanoTime.getAsLong();
		Map<Endpoint, Long> until = new HashMap<>(this.ejections.until());
		boolean changed = until.entrySet().removeIf((entry) -> {
			if (now - entry.getValue() < 0) {
				return false;
			}
			Health state = this.health.get(entry.getKey());
			if (state != null) {
				state.returned(entry.getValue());
			}
			this.listener.returned(this.serviceId, entry.getKey().toString());
			logger.info("Returned " + entry.getKey() + " of service '" + this.serviceId
					+ "' to the choice after its ejection");
			return true;
		});
		if (changed) {
			this.ejections = Ejections.of(until);
		}
		return this.ejections;
	}

	/**
	 * What the detector knows of one endpoint: failures in a row (updated on every call)
	 * and, guarded by the detector, its ejection multiplier.
	 */
	private static final class Health {

		final AtomicInteger failures = new AtomicInteger();

		private int multiplier;

		private long returnedAt;

		private boolean returned;

		/**
		 * Computes the time of the ejection starting now and counts it.
		 * @param now the time, in {@link System#nanoTime()} terms
		 * @param settings the settings
		 * @return the ejection time
		 */
		Duration nextEjection(long now, OutlierEjection settings) {
			if (this.returned) {
				long steps = (now - this.returnedAt) / settings.interval().toNanos();
				this.multiplier = (int) Math.max(0, this.multiplier - steps);
			}
			long base = settings.baseEjectionTime().toNanos();
			long steps = (settings.maxEjectionTime().toNanos() + base - 1) / base;
			this.multiplier = (int) Math.min(this.multiplier + 1, steps);
			Duration time = settings.baseEjectionTime().multipliedBy(this.multiplier);
			return (time.compareTo(settings.maxEjectionTime()) > 0) ? settings.maxEjectionTime() : time;
		}

		/**
		 * Notes the end of an ejection.
		 * @param at when it ended, in {@link System#nanoTime()} terms
		 */
		void returned(long at) {
			this.returned = true;
			this.returnedAt = at;
			this.failures.set(0);
		}

	}

}
