package io.dnssd.boot.actuate;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.ReactiveHealthContributors;
import org.springframework.boot.health.contributor.Status;

/**
 * The application's own health, which registration follows: the aggregate of its health
 * contributors but those that report the registry itself (Spring Cloud's discovery client
 * indicators, the registration indicator). Otherwise an outage of the DNS server or Cloud
 * Map would turn every application DOWN and withdraw every instance at once. The
 * registry's contributors are not even asked: each would query the registry (a DNS
 * lookup, a Cloud Map call) at every check, on the thread that publishes readiness for
 * the first.
 */
final class OwnHealth {

	/** Contributors that report the registry, not the application. */
	static final Set<String> REGISTRY_CONTRIBUTORS = Set.of("discoveryComposite", "discoveryClient",
			"reactiveDiscoveryClients", "dnssdRegistration");

	private OwnHealth() {
	}

	/**
	 * Returns the status of the application without the registry's contributors, each
	 * other contributor asked through the health endpoint.
	 * @param endpoint the health endpoint
	 * @param contributors the blocking contributors, if any
	 * @param reactiveContributors the reactive contributors, if any
	 * @param aggregator how their statuses combine
	 * @return the status; UP when the application has no contributor of its own
	 */
	static Status of(HealthEndpoint endpoint, @Nullable HealthContributors contributors,
			@Nullable ReactiveHealthContributors reactiveContributors, StatusAggregator aggregator) {
		Stream<String> blocking = (contributors != null) ? contributors.stream().map(HealthContributors.Entry::name)
				: Stream.empty();
		Stream<String> reactive = (reactiveContributors != null)
				? reactiveContributors.stream().map(ReactiveHealthContributors.Entry::name) : Stream.empty();
		Set<Status> statuses = Stream.concat(blocking, reactive)
			.distinct()
			.filter((name) -> !REGISTRY_CONTRIBUTORS.contains(name))
			.map(endpoint::healthForPath)
			.filter(Objects::nonNull)
			.map(HealthDescriptor::getStatus)
			.collect(Collectors.toSet());
		return statuses.isEmpty() ? Status.UP : aggregator.getAggregateStatus(statuses);
	}

}
