package io.dnssd.boot.loadbalancer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The {@link OutlierDetector} of each load-balanced service, shared by the service's load
 * balancer (which leaves ejected instances out) and the lifecycle that reports the
 * outcome of its calls.
 */
final class OutlierDetectors {

	private final OutlierEjection settings;

	private final LongSupplier nanoTime;

	private final OutlierEjectionListener listener;

	private final Map<String, OutlierDetector> detectors = new ConcurrentHashMap<>();

	/**
	 * Creates the registry.
	 * @param settings the settings of every detector
	 * @param nanoTime the clock, {@link System#nanoTime()} outside tests
	 * @param listeners told of every ejection and return
	 */
	OutlierDetectors(OutlierEjection settings, LongSupplier nanoTime, List<OutlierEjectionListener> listeners) {
		this.settings = settings;
		this.nanoTime = nanoTime;
		List<OutlierEjectionListener> all = List.copyOf(listeners);
		this.listener = new OutlierEjectionListener() {

			@Override
			public void ejected(String serviceId, String instance, Duration time) {
				all.forEach((listener) -> listener.ejected(serviceId, instance, time));
			}

			@Override
			public void returned(String serviceId, String instance) {
				all.forEach((listener) -> listener.returned(serviceId, instance));
			}

		};
	}

	/**
	 * Returns the detector of a service, created at first use.
	 * @param serviceId the service
	 * @return its detector
	 */
	OutlierDetector of(String serviceId) {
		return this.detectors.computeIfAbsent(serviceId,
				(id) -> new OutlierDetector(id, this.settings, this.nanoTime, this.listener));
	}

}
