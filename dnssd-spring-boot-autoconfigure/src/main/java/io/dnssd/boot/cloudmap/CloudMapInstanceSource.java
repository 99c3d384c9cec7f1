package io.dnssd.boot.cloudmap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import io.dnssd.boot.model.Attributes;
import io.dnssd.boot.model.Instance;
import io.dnssd.boot.model.InstanceSource;
import io.dnssd.boot.model.LookupFailedException;
import io.dnssd.boot.model.Resolution;
import io.dnssd.boot.model.ServiceEnumeration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.DiscoverInstancesResponse;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatusFilter;
import software.amazon.awssdk.services.servicediscovery.model.HttpInstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceNotFoundException;
import software.amazon.awssdk.services.servicediscovery.model.ServiceNotFoundException;

/**
 * {@link InstanceSource} on Cloud Map's DiscoverInstances API, with the discovery filters
 * as query parameters and the configured health filter. Between full fetches it asks
 * DiscoverInstancesRevision and reuses the last answer when the revision has not changed;
 * a full fetch happens at least every full-refresh interval, since health changes do not
 * change the revision.
 */
final class CloudMapInstanceSource implements InstanceSource {

	private static final Log logger = LogFactory.getLog(CloudMapInstanceSource.class);

	private static final int MAX_RESULTS = 1000;

	/**
	 * Problems remembered so each is logged at WARN once; bounded against hostile data.
	 */
	private static final int MAX_WARNED = 10_000;

	private final Supplier<ServiceDiscoveryClient> client;

	private final CloudMapServices services;

	private final HealthStatusFilter healthStatus;

	private final Function<String, Map<String, String>> queryParameters;

	private final Duration pollInterval;

	private final Duration fullRefreshInterval;

	private final Clock clock;

	private final Map<String, Fetched> fetched = new ConcurrentHashMap<>();

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	CloudMapInstanceSource(Supplier<ServiceDiscoveryClient> client, CloudMapServices services,
			HealthStatusFilter healthStatus, Function<String, Map<String, String>> queryParameters,
			Duration pollInterval, Duration fullRefreshInterval, Clock clock) {
		this.client = client;
		this.services = services;
		this.healthStatus = healthStatus;
		this.queryParameters = queryParameters;
		this.pollInterval = pollInterval;
		this.fullRefreshInterval = fullRefreshInterval;
		this.clock = clock;
	}

	@Override
	public Resolution resolve(String serviceId) {
		String namespace = this.services.namespace();
		try {
			Fetched last = this.fetched.get(serviceId);
			Instant now = this.clock.instant();
			if (last != null && now.isBefore(last.at().plus(this.fullRefreshInterval))) {
				Long revision = this.client.get()
					.discoverInstancesRevision((request) -> request.namespaceName(namespace).serviceName(serviceId))
					.instancesRevision();
				if (Objects.equals(revision, last.revision())) {
					return new Resolution(last.instances(), this.pollInterval);
				}
			}
			DiscoverInstancesResponse response = this.client.get()
				.discoverInstances((request) -> request.namespaceName(namespace)
					.serviceName(serviceId)
					.maxResults(MAX_RESULTS)
					.healthStatus(this.healthStatus)
					.queryParameters(this.queryParameters.apply(serviceId)));
			List<Instance> instances = new ArrayList<>();
			for (HttpInstanceSummary summary : response.instances()) {
				toInstance(serviceId, summary).ifPresent(instances::add);
			}
			this.fetched.put(serviceId, new Fetched(response.instancesRevision(), List.copyOf(instances), now));
			return new Resolution(instances, this.pollInterval);
		}
		catch (NamespaceNotFoundException | ServiceNotFoundException ex) {
			this.fetched.remove(serviceId);
			return new Resolution(List.of(), this.pollInterval);
		}
		catch (SdkException ex) {
			throw new LookupFailedException("Cloud Map discovery of '" + serviceId + "' in namespace '" + namespace
					+ "' failed: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Forgets the revision remembered for the service.
	 */
	@Override
	public void release(String serviceId) {
		this.fetched.remove(serviceId);
	}

	/**
	 * Lists the namespace's services, cached for the poll interval like its instances.
	 */
	@Override
	public ServiceEnumeration enumerate() {
		try {
			return new ServiceEnumeration(new LinkedHashSet<>(this.services.serviceNames()), this.pollInterval);
		}
		catch (SdkException ex) {
			throw new LookupFailedException("Listing the services of Cloud Map namespace '" + this.services.namespace()
					+ "' failed: " + ex.getMessage(), ex);
		}
	}

	@Override
	public String description() {
		return "AWS Cloud Map namespace '" + this.services.namespace() + "' (DiscoverInstances, " + this.healthStatus
				+ ")";
	}

	private Optional<Instance> toInstance(String serviceId, HttpInstanceSummary summary) {
		Map<String, String> attributes = summary.attributes();
		String host = attributes.getOrDefault(CloudMapAttributes.IPV4, attributes.get(CloudMapAttributes.IPV6));
		Integer port = number(attributes.get(CloudMapAttributes.PORT));
		if (host == null || port == null) {
			warnOnce(serviceId + "/" + summary.instanceId(), "Skipping Cloud Map instance '" + summary.instanceId()
					+ "' of '" + serviceId + "': it has no AWS_INSTANCE_IPV4/IPV6 or no valid AWS_INSTANCE_PORT");
			return Optional.empty();
		}
		Map<String, String> custom = new LinkedHashMap<>();
		attributes.forEach((key, value) -> {
			if (!key.startsWith("AWS_")) {
				custom.put(key, value);
			}
		});
		Attributes txt = Attributes.lenient(custom,
				(problem) -> warnOnce(serviceId + "/" + summary.instanceId() + "/" + problem,
						"Cloud Map instance '" + summary.instanceId() + "' of '" + serviceId + "': " + problem));
		Integer priority = number(attributes.get("priority"));
		Integer weight = number(attributes.get("weight"));
		try {
			return Optional.of(new Instance(summary.instanceId(), host, port, Instance.isSecure(txt, port),
					(priority != null) ? priority : 0, (weight != null) ? weight : 1, txt));
		}
		catch (IllegalArgumentException ex) {
			warnOnce(serviceId + "/" + summary.instanceId(), "Skipping Cloud Map instance '" + summary.instanceId()
					+ "' of '" + serviceId + "': " + ex.getMessage());
			return Optional.empty();
		}
	}

	private void warnOnce(String key, String message) {
		if (this.warned.size() >= MAX_WARNED) {
			this.warned.clear();
		}
		if (this.warned.add(key)) {
			logger.warn(message);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message);
		}
	}

	private static @Nullable Integer number(@Nullable String text) {
		if (text == null) {
			return null;
		}
		try {
			return Integer.valueOf(text.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private record Fetched(@Nullable Long revision, List<Instance> instances, Instant at) {
	}

}
