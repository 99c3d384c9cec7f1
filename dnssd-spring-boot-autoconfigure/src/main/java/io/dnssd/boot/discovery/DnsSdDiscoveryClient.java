package io.dnssd.boot.discovery;

import java.util.ArrayList;
import java.util.List;

import io.dnssd.boot.model.InstanceSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * {@link DiscoveryClient} that serves instances from the {@link InstanceCache} and lists the
 * services its {@link InstanceSource} can enumerate.
 */
public class DnsSdDiscoveryClient implements DiscoveryClient {

	private static final Log logger = LogFactory.getLog(DnsSdDiscoveryClient.class);

	private final InstanceCache cache;

	private final InstanceSource source;

	/**
	 * Creates a client.
	 * @param cache the cache that serves instances
	 * @param source the source that enumerates services
	 */
	public DnsSdDiscoveryClient(InstanceCache cache, InstanceSource source) {
		this.cache = cache;
		this.source = source;
	}

	@Override
	public String description() {
		return "DNS-SD discovery client (" + this.source.description() + ")";
	}

	@Override
	public List<ServiceInstance> getInstances(String serviceId) {
		return this.cache.getInstances(serviceId);
	}

	@Override
	public List<String> getServices() {
		try {
			return new ArrayList<>(this.source.serviceIds());
		}
		catch (RuntimeException ex) {
			logger.warn("Listing services failed: " + ex.getMessage());
			return List.of();
		}
	}

}
