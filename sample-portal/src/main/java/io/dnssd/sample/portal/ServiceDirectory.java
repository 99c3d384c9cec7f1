package io.dnssd.sample.portal;

import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.stereotype.Component;

/**
 * What the portal shows of the registry: every discovered service with its instances.
 */
@Component
class ServiceDirectory {

	private final DiscoveryClient discoveryClient;

	private final InstanceHealth health;

	ServiceDirectory(DiscoveryClient discoveryClient, InstanceHealth health) {
		this.discoveryClient = discoveryClient;
		this.health = health;
	}

	List<Service> services() {
		return this.discoveryClient.getServices().stream().sorted().map(this::service).toList();
	}

	boolean hasInstances(String service) {
		return !this.discoveryClient.getInstances(service).isEmpty();
	}

	private Service service(String name) {
		List<InstanceView> instances = this.discoveryClient.getInstances(name)
			.stream()
			.map(this::instance)
			.sorted(Comparator.comparing(InstanceView::address).thenComparingInt(InstanceView::port))
			.toList();
		return new Service(name, instances);
	}

	private InstanceView instance(ServiceInstance instance) {
		return new InstanceView(instance.getInstanceId(), instance.getHost(), instance.getPort(),
				instance.getMetadata().get("version"), instance.getMetadata().get("stage"),
				this.health.status(instance));
	}

	/**
	 * A discovered service.
	 *
	 * @param name the service name
	 * @param instances its instances, by address and port
	 */
	record Service(String name, List<InstanceView> instances) {
	}

	/**
	 * A discovered instance as the page shows it.
	 *
	 * @param id the instance id
	 * @param address the address it registered
	 * @param port the port it registered
	 * @param version the version it registered, if any
	 * @param stage the stage it registered, if any
	 * @param health the health status it reports now
	 */
	record InstanceView(@Nullable String id, String address, int port, @Nullable String version, @Nullable String stage,
			String health) {
	}

}
