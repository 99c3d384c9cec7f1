package io.dnssd.boot.loadbalancer;

import java.util.List;

import io.dnssd.boot.discovery.InstanceCache;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * Serves the load balancer straight from the {@link InstanceCache}, so Spring Cloud
 * LoadBalancer's own instance cache never hides a fresher answer. A lookup the caller
 * would wait for runs on Reactor's bounded elastic scheduler.
 */
public class CachedInstanceListSupplier implements ServiceInstanceListSupplier {

	private final String serviceId;

	private final InstanceCache cache;

	/**
	 * Creates a supplier.
	 * @param serviceId the service
	 * @param cache the cache of its instances
	 */
	public CachedInstanceListSupplier(String serviceId, InstanceCache cache) {
		this.serviceId = serviceId;
		this.cache = cache;
	}

	@Override
	public String getServiceId() {
		return this.serviceId;
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return Flux.defer(() -> {
			if (this.cache.wouldWait(this.serviceId)) {
				return Mono.fromSupplier(() -> this.cache.getInstances(this.serviceId))
					.subscribeOn(Schedulers.boundedElastic());
			}
			return Mono.just(this.cache.getInstances(this.serviceId));
		});
	}

}
