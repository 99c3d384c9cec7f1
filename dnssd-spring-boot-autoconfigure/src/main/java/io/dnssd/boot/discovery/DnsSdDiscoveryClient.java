package io.dnssd.boot.discovery;

import java.util.ArrayList;
import java.util.List;

import io.dnssd.boot.model.InstanceSource;
import io.dnssd.boot.model.LookupFailedException;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * {@link DiscoveryClient} that serves instances from the {@link InstanceCache} and the
 * services its {@link InstanceSource} enumerates from the
 * {@link ServiceEnumerationCache}. {@link #probe()} always asks the backend and fails
 * when it cannot be reached, so Spring Cloud's discovery health indicator reports it
 * DOWN; {@link #getInstances(String)} and {@link #getServices()} serve the last good
 * answer while the backend fails, for up to {@code dnssd.discovery.stale-if-error}.
 */
public class DnsSdDiscoveryClient implements DiscoveryClient {

	private final InstanceCache cache;

	private final ServiceEnumerationCache services;

	private final InstanceSource source;

	private final int order;

	/**
	 * Creates a client.
	 * @param cache the cache that serves instances
	 * @param services the cache that lists services
	 * @param source the source that is probed
	 * @param order the order among the application's discovery clients
	 */
	public DnsSdDiscoveryClient(InstanceCache cache, ServiceEnumerationCache services, InstanceSource source,
			int order) {
		this.cache = cache;
		this.services = services;
		this.source = source;
		this.order = order;
	}

	@Override
	public String description() {
		return "DNS-SD discovery client (" + this.source.description() + ")";
	}

	@Override
	public List<ServiceInstance> getInstances(String serviceId) {
		return this.cache.getInstances(serviceId);
	}

	/**
	 * Lists the services the backend enumerates and those configured.
	 * @throws LookupFailedException if the backend cannot be reached and no answer within
	 * stale-if-error is left
	 */
	@Override
	public List<String> getServices() {
		return new ArrayList<>(this.services.serviceIds());
	}

	/**
	 * Checks that the backend can be reached.
	 * @throws LookupFailedException if it cannot
	 */
	@Override
	public void probe() {
		this.source.probe();
	}

	@Override
	public int getOrder() {
		return this.order;
	}

}
