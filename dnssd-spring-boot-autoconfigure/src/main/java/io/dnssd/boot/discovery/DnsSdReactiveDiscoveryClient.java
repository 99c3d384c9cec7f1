package io.dnssd.boot.discovery;

import java.util.List;

import io.dnssd.boot.model.InstanceSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;

/**
 * {@link ReactiveDiscoveryClient} on the {@link InstanceCache}. Answers served from the
 * cache are emitted on the caller's thread; a lookup the caller would wait for, the
 * service enumeration and the probe run on Reactor's bounded elastic scheduler, so no
 * event loop blocks on the network. {@link #reactiveProbe()} signals an error when the
 * backend cannot be reached; {@link #getServices()} serves the
 * {@link ServiceEnumerationCache}.
 */
public class DnsSdReactiveDiscoveryClient implements ReactiveDiscoveryClient {

	private final InstanceCache cache;

	private final ServiceEnumerationCache services;

	private final InstanceSource source;

	private final int order;

	/**
	 * Creates a client.
	 * @param cache the cache that serves instances
	 * @param services the cache that lists services
	 * @param source the source that is probed
	 * @param order the order among the application's reactive discovery clients
	 */
	public DnsSdReactiveDiscoveryClient(InstanceCache cache, ServiceEnumerationCache services, InstanceSource source,
			int order) {
		this.cache = cache;
		this.services = services;
		this.source = source;
		this.order = order;
	}

	@Override
	public String description() {
		return "Reactive DNS-SD discovery client (" + this.source.description() + ")";
	}

	@Override
	public Flux<ServiceInstance> getInstances(String serviceId) {
		Mono<List<ServiceInstance>> instances = Mono.fromSupplier(() -> this.cache.getInstances(serviceId));
		if (this.cache.wouldWait(serviceId)) {
			instances = instances.subscribeOn(Schedulers.boundedElastic());
		}
		return instances.flatMapMany(Flux::fromIterable);
	}

	@Override
	public Flux<String> getServices() {
		return Mono.fromSupplier(this.services::serviceIds)
			.subscribeOn(Schedulers.boundedElastic())
			.flatMapMany(Flux::fromIterable);
	}

	@Override
	public Mono<Void> reactiveProbe() {
		return Mono.fromRunnable(this.source::probe).subscribeOn(Schedulers.boundedElastic()).then();
	}

	@Override
	public int getOrder() {
		return this.order;
	}

}
