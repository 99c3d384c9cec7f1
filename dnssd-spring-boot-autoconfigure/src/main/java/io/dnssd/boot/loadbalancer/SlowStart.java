package io.dnssd.boot.loadbalancer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Slow start of one service's instances, as Envoy's slow start mode does it: an instance
 * that appears after the load balancer's first list starts at a floor share of its SRV
 * weight and ramps up linearly to the full weight over the window, so a cold JVM is not
 * handed its full share at once. The instances of the first list are taken as warm.
 */
final class SlowStart {

	/** How long an instance not seen is remembered, so it is not new when it returns. */
	private static final Duration MEMORY = Duration.ofMinutes(10);

	private static final int STEPS = 20;

	private final long window;

	private final int floorPercent;

	private final LongSupplier nanoTime;

	/** First and last time each endpoint was seen, guarded by this. */
	private final Map<Endpoint, long[]> seen = new HashMap<>();

	private boolean first = true;

	/**
	 * Creates the slow start of a service.
	 * @param window the time over which a new instance's weight grows to full
	 * @param floorPercent the share of its weight, in percent, a new instance starts with
	 * @param nanoTime the clock, {@link System#nanoTime()} outside tests
	 */
	SlowStart(Duration window, int floorPercent, LongSupplier nanoTime) {
		this.window = window.toNanos();
		this.floorPercent = Math.max(1, floorPercent);
		this.nanoTime = nanoTime;
	}

	/**
	 * Notes the instances of a list and returns how far each has ramped up.
	 * @param instances the instances
	 * @return the ramp of the list
	 */
	synchronized Ramp observe(List<ServiceInstance> instances) {
		long now = this.nanoTime.getAsLong();
		Map<Endpoint, Integer> ramping = new HashMap<>();
		for (ServiceInstance instance : instances) {
			Endpoint endpoint = Endpoint.of(instance);
			long[] times = this.seen.computeIfAbsent(endpoint,
					(key) -> new long[] { this.first ? now - this.window : now, now });
			times[1] = now;
			long age = now - times[0];
			if (age < this.window) {
				ramping.put(endpoint, (int) Math.max(this.floorPercent, age * 100 / this.window));
			}
		}
		this.first = false;
		long forget = now - Math.max(this.window, MEMORY.toNanos());
		this.seen.values().removeIf((times) -> times[1] - forget < 0);
		return ramping.isEmpty() ? Ramp.NONE
				: new Ramp(ramping, now + Math.max(this.window / STEPS, Duration.ofMillis(100).toNanos()));
	}

	/**
	 * Returns the share of its weight an instance has now, without noting it.
	 * @param instance the instance
	 * @return the share, in percent; 100 for an instance not seen yet
	 */
	synchronized int percentNow(ServiceInstance instance) {
		long[] times = this.seen.get(Endpoint.of(instance));
		if (times == null) {
			return 100;
		}
		long age = this.nanoTime.getAsLong() - times[0];
		return (age < this.window) ? (int) Math.max(this.floorPercent, age * 100 / this.window) : 100;
	}

	/**
	 * How far the instances of one list have ramped up.
	 *
	 * @param percents the share of its weight, in percent, of each instance still ramping
	 * up; the others have their full weight
	 * @param nextStep when the shares should be computed again, in
	 * {@link System#nanoTime()} terms; {@link Long#MAX_VALUE} when none is ramping
	 */
	record Ramp(Map<Endpoint, Integer> percents, long nextStep) {

		/** Every instance at its full weight. */
		static final Ramp NONE = new Ramp(Map.of(), Long.MAX_VALUE);

		/**
		 * Returns the share of its weight an instance has now.
		 * @param instance the instance
		 * @return the share, in percent
		 */
		int percentOf(ServiceInstance instance) {
			return this.percents.isEmpty() ? 100 : this.percents.getOrDefault(Endpoint.of(instance), 100);
		}

		/**
		 * Returns whether some instance is still ramping up.
		 * @return {@code true} if the shares change over time
		 */
		boolean ramping() {
			return this.nextStep != Long.MAX_VALUE;
		}

	}

}
