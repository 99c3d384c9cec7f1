package io.dnssd.boot.actuate;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.contributor.Status;

/**
 * The application's own health, which registration follows: the aggregate of its health
 * contributors but those that report the registry itself (Spring Cloud's discovery client
 * indicators, the registration indicator). Otherwise an outage of the DNS server or Cloud
 * Map would turn every application DOWN and withdraw every instance at once.
 */
final class OwnHealth {

	/** Contributors that report the registry, not the application. */
	static final Set<String> REGISTRY_CONTRIBUTORS = Set.of("discoveryComposite", "discoveryClient",
			"reactiveDiscoveryClients", "dnssdRegistration");

	private OwnHealth() {
	}

	/**
	 * Returns the status of the application without the registry's contributors.
	 * @param health the aggregate health
	 * @param aggregator how the statuses of the rest combine
	 * @return the status
	 */
	static Status of(HealthDescriptor health, StatusAggregator aggregator) {
		Map<String, HealthDescriptor> components = (health instanceof CompositeHealthDescriptor composite)
				? composite.getComponents() : null;
		if (components == null || components.keySet().stream().noneMatch(REGISTRY_CONTRIBUTORS::contains)) {
			return health.getStatus();
		}
		Set<Status> statuses = components.entrySet()
			.stream()
			.filter((component) -> !REGISTRY_CONTRIBUTORS.contains(component.getKey()))
			.map((component) -> component.getValue().getStatus())
			.collect(Collectors.toSet());
		return statuses.isEmpty() ? Status.UP : aggregator.getAggregateStatus(statuses);
	}

}
