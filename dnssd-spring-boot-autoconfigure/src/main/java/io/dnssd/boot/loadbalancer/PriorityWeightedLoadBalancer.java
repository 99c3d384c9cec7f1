package io.dnssd.boot.loadbalancer;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

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
 * Load balancer that chooses instances by SRV priority and weight, see
 * {@link Rfc2782Selector}. A list is prepared once and chosen from in O(log n) for as
 * long as the supplier hands out the same list.
 */
public class PriorityWeightedLoadBalancer implements ReactorServiceInstanceLoadBalancer {

	private static final Log logger = LogFactory.getLog(PriorityWeightedLoadBalancer.class);

	private final String serviceId;

	private final SingletonSupplier<ServiceInstanceListSupplier> supplier;

	/**
	 * The last list prepared: the cache hands out the same list until the service's
	 * instances change, so choices reuse it.
	 */
	private volatile @Nullable WeightedGroup prepared;

	/**
	 * Creates a load balancer.
	 * @param suppliers provides the instance list supplier of the service
	 * @param serviceId the service
	 */
	public PriorityWeightedLoadBalancer(ObjectProvider<ServiceInstanceListSupplier> suppliers, String serviceId) {
		this.serviceId = serviceId;
		this.supplier = SingletonSupplier.of(() -> suppliers.getIfAvailable(NoopServiceInstanceListSupplier::new));
	}

	@Override
	@SuppressWarnings("rawtypes")
	public Mono<Response<ServiceInstance>> choose(Request request) {
		ServiceInstanceListSupplier instances = this.supplier.obtain();
		return instances.get(request).next().map((list) -> choose(instances, list));
	}

	private Response<ServiceInstance> choose(ServiceInstanceListSupplier instances, List<ServiceInstance> list) {
		WeightedGroup group = this.prepared;
		if (group == null || !group.isFor(list)) {
			group = WeightedGroup.of(list);
			this.prepared = group;
		}
		return group.choose(ThreadLocalRandom.current()).map((chosen) -> {
			if (instances instanceof SelectedInstanceCallback callback) {
				callback.selectedServiceInstance(chosen);
			}
			return (Response<ServiceInstance>) new DefaultResponse(chosen);
		}).orElseGet(() -> {
			logger.warn("No instances available for service '" + this.serviceId + "'");
			return new EmptyResponse();
		});
	}

}
