package io.dnssd.boot.discovery;

import java.util.ArrayList;
import java.util.List;

import io.dnssd.boot.model.InstanceSource;
import io.dnssd.boot.model.LookupFailedException;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * {@link DiscoveryClient} that serves instances from the {@link InstanceCache} and lists
 * the services its {@link InstanceSource} can enumerate. {@link #getServices()} and
 * {@link #probe()} fail when the backend cannot be reached, so Spring Cloud's discovery
 * health indicator reports it DOWN; {@link #getInstances(String)} never fails and serves
 * the last good answer while lookups fail.
 */
public class DnsSdDiscoveryClient implements DiscoveryClient {

	private final InstanceCache cache;

	private final InstanceSource source;

	private final int order;

	/**
	 * Creates a client.
	 * @param cache the cache that serves instances
	 * @param source the source that enumerates services
	 * @param order the order among the application's discovery clients
	 */
	public DnsSdDiscoveryClient(InstanceCache cache, InstanceSource source, int order) {
		this.cache = cache;
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
	 * @throws LookupFailedException if the backend cannot be reached
	 */
	@Override
	public List<String> getServices() {
		return new ArrayList<>(this.source.serviceIds());
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
