package io.dnssd.boot.actuate;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.dnssd.boot.discovery.InstanceCacheListener;
import io.dnssd.boot.discovery.LookupOutcome;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Micrometer metrics of discovery: the timer {@value #LOOKUP_TIMER} (tags
 * {@code service}, {@code outcome}: hit, miss, stale, error) and the gauge
 * {@value #INSTANCES_GAUGE} (tag {@code service}).
 */
public class DiscoveryMetrics implements InstanceCacheListener {

	/** Name of the timer of callers' lookups. */
	public static final String LOOKUP_TIMER = "dnssd.discovery.lookup";

	/** Name of the gauge of instances per service. */
	public static final String INSTANCES_GAUGE = "dnssd.discovery.instances";

	private final MeterRegistry registry;

	private final Map<String, AtomicInteger> instanceCounts = new ConcurrentHashMap<>();

	/** The timers of each service, by outcome: built once, not on every lookup. */
	private final Map<String, AtomicReferenceArray<Timer>> timers = new ConcurrentHashMap<>();

	/**
	 * Creates the metrics.
	 * @param registry where meters are registered
	 */
	public DiscoveryMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void lookedUp(String serviceId, LookupOutcome outcome, long nanos) {
		AtomicReferenceArray<Timer> byOutcome = this.timers.get(serviceId);
		if (byOutcome == null) {
			byOutcome = this.timers.computeIfAbsent(serviceId,
					(id) -> new AtomicReferenceArray<>(LookupOutcome.values().length));
		}
		Timer timer = byOutcome.get(outcome.ordinal());
		if (timer == null) {
			// registering twice from two threads returns the same timer
			timer = Timer.builder(LOOKUP_TIMER)
				.description("Requests for a service's instances")
				.tag("service", serviceId)
				.tag("outcome", outcome.tag())
				.register(this.registry);
			byOutcome.set(outcome.ordinal(), timer);
		}
		timer.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void changed(String serviceId, List<ServiceInstance> instances) {
		this.instanceCounts.computeIfAbsent(serviceId, this::registerGauge).set(instances.size());
	}

	private AtomicInteger registerGauge(String serviceId) {
		AtomicInteger count = new AtomicInteger();
		Gauge.builder(INSTANCES_GAUGE, count, AtomicInteger::get)
			.description("Instances served for a service")
			.tag("service", serviceId)
			.register(this.registry);
		return count;
	}

}
