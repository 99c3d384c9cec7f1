package io.dnssd.boot.discovery;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;

/**
 * {@link ReactiveDiscoveryClient} on top of the blocking client. Answers served from the
 * cache are emitted on the caller's thread; a lookup the caller would wait for runs on
 * Reactor's bounded elastic scheduler, so no event loop blocks on DNS.
 */
public class DnsSdReactiveDiscoveryClient implements ReactiveDiscoveryClient {

	private final DnsSdDiscoveryClient delegate;

	private final InstanceCache cache;

	/**
	 * Creates a client.
	 * @param delegate the blocking client
	 * @param cache the cache behind it, asked whether a call would wait
	 */
	public DnsSdReactiveDiscoveryClient(DnsSdDiscoveryClient delegate, InstanceCache cache) {
		this.delegate = delegate;
		this.cache = cache;
	}

	@Override
	public String description() {
		return "Reactive " + this.delegate.description();
	}

	@Override
	public Flux<ServiceInstance> getInstances(String serviceId) {
		Mono<List<ServiceInstance>> instances = Mono.fromSupplier(() -> this.delegate.getInstances(serviceId));
		if (this.cache.wouldWait(serviceId)) {
			instances = instances.subscribeOn(Schedulers.boundedElastic());
		}
		return instances.flatMapMany(Flux::fromIterable);
	}

	@Override
	public Flux<String> getServices() {
		return Mono.fromSupplier(this.delegate::getServices)
			.subscribeOn(Schedulers.boundedElastic())
			.flatMapMany(Flux::fromIterable);
	}

}
