package io.dnssd.boot.loadbalancer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * The {@link SlowStart} of each load-balanced service, shared by the service's load
 * balancer and the {@code dnssd} Actuator endpoint; none when slow start is off.
 */
final class SlowStarts {

	private final Duration window;

	private final int floorPercent;

	private final LongSupplier nanoTime;

	private final Map<String, SlowStart> slowStarts = new ConcurrentHashMap<>();

	/**
	 * Creates the registry.
	 * @param window the time over which a new instance's weight grows to full; zero turns
	 * slow start off
	 * @param floorPercent the share of its weight, in percent, a new instance starts with
	 * @param nanoTime the clock, {@link System#nanoTime()} outside tests
	 */
	SlowStarts(Duration window, int floorPercent, LongSupplier nanoTime) {
		this.window = window;
		this.floorPercent = floorPercent;
		this.nanoTime = nanoTime;
	}

	/**
	 * Returns the slow start of a service, created at first use.
	 * @param serviceId the service
	 * @return its slow start, {@code null} when slow start is off
	 */
	@Nullable SlowStart of(String serviceId) {
		if (this.window.isZero()) {
			return null;
		}
		return this.slowStarts.computeIfAbsent(serviceId,
				(id) -> new SlowStart(this.window, this.floorPercent, this.nanoTime));
	}

}
