package io.dnssd.boot.loadbalancer;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.EmptyResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.NoopServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.core.SelectedInstanceCallback;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.util.function.SingletonSupplier;

/**
 * Load balancer that chooses instances by SRV priority and weight: among the instances of
 * the lowest priority present, at random in proportion to weight (RFC 2782, see
 * {@link Rfc2782Selector}), or by one of the other {@link Choice choices}. A list is
 * prepared once and chosen from in O(log n) for as long as the supplier hands out the
 * same list.
 */
public class PriorityWeightedLoadBalancer implements ReactorServiceInstanceLoadBalancer {

	private static final Log logger = LogFactory.getLog(PriorityWeightedLoadBalancer.class);

	private final String serviceId;

	private final SingletonSupplier<ServiceInstanceListSupplier> supplier;

	private final Choice choice;

	private final InFlightRequests inFlight;

	private final AtomicLong turns = new AtomicLong();

	private final @Nullable SlowStart slowStart;

	/**
	 * The last list prepared: the cache hands out the same list until the service's
	 * instances change, so choices reuse it (while an instance ramps up, only until the
	 * next step of its ramp).
	 */
	private volatile @Nullable Prepared prepared;

	/**
	 * Creates a load balancer that chooses at random in proportion to weight.
	 * @param suppliers provides the instance list supplier of the service
	 * @param serviceId the service
	 */
	public PriorityWeightedLoadBalancer(ObjectProvider<ServiceInstanceListSupplier> suppliers, String serviceId) {
		this(suppliers, serviceId, Choice.WEIGHTED_RANDOM, new InFlightRequests(), null);
	}

	/**
	 * Creates a load balancer.
	 * @param suppliers provides the instance list supplier of the service
	 * @param serviceId the service
	 * @param choice how an instance is chosen within the priority group
	 * @param inFlight the calls in flight, for {@link Choice#LEAST_REQUEST}
	 * @param slowStart the slow start of new instances, {@code null} when it is off
	 */
	PriorityWeightedLoadBalancer(ObjectProvider<ServiceInstanceListSupplier> suppliers, String serviceId, Choice choice,
			InFlightRequests inFlight, @Nullable SlowStart slowStart) {
		this.serviceId = serviceId;
		this.choice = choice;
		this.inFlight = inFlight;
		this.slowStart = slowStart;
		this.supplier = SingletonSupplier.of(() -> suppliers.getIfAvailable(NoopServiceInstanceListSupplier::new));
	}

	@Override
	@SuppressWarnings("rawtypes")
	public Mono<Response<ServiceInstance>> choose(Request request) {
		ServiceInstanceListSupplier instances = this.supplier.obtain();
		return instances.get(request).next().map((list) -> choose(instances, list));
	}

	private Response<ServiceInstance> choose(ServiceInstanceListSupplier instances, List<ServiceInstance> list) {
		Prepared prepared = this.prepared;
		if (prepared == null || !prepared.group().isFor(list) || prepared.due()) {
			SlowStart.Ramp ramp = (this.slowStart != null) ? this.slowStart.observe(list) : SlowStart.Ramp.NONE;
			prepared = new Prepared(WeightedGroup.of(list, ramp), ramp.nextStep());
			this.prepared = prepared;
		}
		WeightedGroup group = prepared.group();
		Optional<ServiceInstance> choice = switch (this.choice) {
			case WEIGHTED_RANDOM -> group.choose(ThreadLocalRandom.current());
			case ROUND_ROBIN -> group.chooseInTurn(this.turns.getAndIncrement());
			case LEAST_REQUEST -> group.chooseLessLoaded(ThreadLocalRandom.current(), this.inFlight::of);
		};
		return choice.map((chosen) -> {
			if (instances instanceof SelectedInstanceCallback callback) {
				callback.selectedServiceInstance(chosen);
			}
			return (Response<ServiceInstance>) new DefaultResponse(chosen);
		}).orElseGet(() -> {
			logger.warn("No instances available for service '" + this.serviceId + "'");
			return new EmptyResponse();
		});
	}

	/**
	 * A list prepared for choices.
	 *
	 * @param group the candidates
	 * @param nextStep when it must be prepared again although the list is the same, in
	 * {@link System#nanoTime()} terms ({@link Long#MAX_VALUE}: never)
	 */
	private record Prepared(WeightedGroup group, long nextStep) {

		boolean due() {
			return this.nextStep != Long.MAX_VALUE && System.nanoTime() - this.nextStep >= 0;
		}

	}

}
