package io.dnssd.boot.loadbalancer;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

import io.dnssd.boot.discovery.InstanceCache;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;

/**
 * What the load balancer knows of the instances of the services in use: SRV priority and
 * weight, the weight in effect now (slow start, ejection), ejection and calls in flight.
 * Read by the {@code dnssd} Actuator endpoint. Reading it looks nothing up: a service
 * that would need a lookup shows no instances.
 */
public final class LoadBalancerState {

	private final InstanceCache cache;

	private final LoadBalancerProperties properties;

	private final @Nullable OutlierDetectors detectors;

	private final SlowStarts slowStarts;

	private final InFlightRequests inFlight;

	private final LongSupplier nanoTime;

	LoadBalancerState(InstanceCache cache, LoadBalancerProperties properties, @Nullable OutlierDetectors detectors,
			SlowStarts slowStarts, InFlightRequests inFlight, LongSupplier nanoTime) {
		this.cache = cache;
		this.properties = properties;
		this.detectors = detectors;
		this.slowStarts = slowStarts;
		this.inFlight = inFlight;
		this.nanoTime = nanoTime;
	}

	/**
	 * Returns the state of every service in use, by name.
	 * @return the services
	 */
	public Map<String, Service> services() {
		Map<String, Service> services = new TreeMap<>();
		this.cache.serviceIds().forEach((serviceId) -> services.put(serviceId, service(serviceId)));
		return services;
	}

	/**
	 * Returns the state of one service; no instances if it is not in use.
	 * @param serviceId the service
	 * @return its state
	 */
	public Service service(String serviceId) {
		// wouldWait is true for a service not in use too
		List<ServiceInstance> all = this.cache.wouldWait(serviceId) ? List.of() : this.cache.getInstances(serviceId);
		Ejections ejections = (this.detectors != null) ? this.detectors.of(serviceId).current() : Ejections.NONE;
		SlowStart slowStart = this.slowStarts.of(serviceId);
		long now = this.nanoTime.getAsLong();
		List<Instance> instances = all.stream().map((instance) -> {
			int weight = WeightedGroup.weightOf(instance);
			int percent = (slowStart != null) ? slowStart.percentNow(instance) : 100;
			Long until = ejections.until().get(Endpoint.of(instance));
			Long ejectedFor = (until != null) ? secondsRoundedUp(Math.max(0, until - now)) : null;
			int effective = (ejectedFor != null) ? 0 : (int) Math.round(weight * percent / 100.0);
			return new Instance(instance.getInstanceId(), Endpoint.of(instance).toString(),
					WeightedGroup.priorityOf(instance), weight, effective, ejectedFor != null, ejectedFor,
					this.inFlight.of(instance));
		}).sorted(Comparator.comparingInt(Instance::priority).thenComparing(Instance::endpoint)).toList();
		String choice = this.properties.choiceOf(serviceId).name().toLowerCase(Locale.ROOT).replace('_', '-');
		return new Service(choice, instances);
	}

	private static long secondsRoundedUp(long nanos) {
		long second = Duration.ofSeconds(1).toNanos();
		return (nanos + second - 1) / second;
	}

	/**
	 * The state of one service.
	 *
	 * @param choice how an instance is chosen within the priority group
	 * @param instances its instances, by priority
	 */
	public record Service(String choice, List<Instance> instances) {

	}

	/**
	 * The state of one instance.
	 *
	 * @param instanceId the instance id
	 * @param endpoint where calls go, {@code host:port}
	 * @param priority the SRV priority
	 * @param weight the SRV weight
	 * @param effectiveWeight the weight in effect now: less while it ramps up (slow
	 * start), 0 while it is ejected
	 * @param ejected whether outlier ejection left it out of the choice
	 * @param ejectedForSeconds how long it stays out, in seconds rounded up; {@code null}
	 * when it is not ejected
	 * @param inFlight load-balanced calls to it in flight
	 */
	public record Instance(@Nullable String instanceId, String endpoint, int priority, int weight, int effectiveWeight,
			boolean ejected, @Nullable Long ejectedForSeconds, int inFlight) {

	}

}
