package io.dnssd.boot.cloudmap;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.dnssd.boot.cloudmap.CloudMapProperties.NamespaceType;
import io.dnssd.boot.model.RegistrationFailedException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.FilterCondition;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceFilterName;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceSummary;
import software.amazon.awssdk.services.servicediscovery.model.OperationTargetType;
import software.amazon.awssdk.services.servicediscovery.model.RecordType;
import software.amazon.awssdk.services.servicediscovery.model.RoutingPolicy;
import software.amazon.awssdk.services.servicediscovery.model.ServiceFilterName;
import software.amazon.awssdk.services.servicediscovery.model.ServiceSummary;

/**
 * Resolves the namespace and service names to Cloud Map ids once and remembers them,
 * creating what is missing when {@code dnssd.cloud-map.create-if-missing} is set: an HTTP
 * or private DNS namespace, and a service with A and SRV records (MULTIVALUE,
 * {@code dnssd.ttl}) and a custom health check.
 */
final class CloudMapServices {

	private static final Log logger = LogFactory.getLog(CloudMapServices.class);

	private final Supplier<ServiceDiscoveryClient> client;

	private final CloudMapOperations operations;

	private final String namespace;

	private final CloudMapProperties properties;

	private final Duration ttl;

	private volatile @Nullable NamespaceSummary namespaceSummary;

	private final Map<String, ServiceInfo> services = new ConcurrentHashMap<>();

	CloudMapServices(Supplier<ServiceDiscoveryClient> client, CloudMapOperations operations, String namespace,
			CloudMapProperties properties, Duration ttl) {
		this.client = client;
		this.operations = operations;
		this.namespace = namespace;
		this.properties = properties;
		this.ttl = ttl;
	}

	/**
	 * Returns the namespace name.
	 * @return the name
	 */
	String namespace() {
		return this.namespace;
	}

	/**
	 * Returns the id of a service, creating the service (and namespace) when allowed.
	 * @param name the service name
	 * @return the service's id and whether it has a custom health check
	 * @throws RegistrationFailedException if it does not exist and may not be created
	 */
	ServiceInfo service(String name) {
		ServiceInfo known = this.services.get(name);
		if (known != null) {
			return known;
		}
		NamespaceSummary namespace = Objects.requireNonNull(namespaceSummary(true), "created if missing");
		ServiceInfo service = find(namespace.id(), name).orElseGet(() -> create(namespace, name));
		this.services.put(name, service);
		return service;
	}

	/**
	 * Forgets that a service has a custom health check, after Cloud Map said it has none.
	 * @param name the service name
	 */
	void noCustomHealth(String name) {
		this.services.computeIfPresent(name, (key, service) -> new ServiceInfo(service.id(), false));
	}

	/**
	 * Lists the names of the services in the namespace.
	 * @return service names, empty if the namespace does not exist
	 */
	List<String> serviceNames() {
		NamespaceSummary namespace = namespaceSummary(false);
		if (namespace == null) {
			return List.of();
		}
		return this.client.get()
			.listServicesPaginator((request) -> request.filters((filter) -> filter.name(ServiceFilterName.NAMESPACE_ID)
				.condition(FilterCondition.EQ)
				.values(namespace.id())))
			.stream()
			.flatMap((page) -> page.services().stream())
			.map(ServiceSummary::name)
			.toList();
	}

	private Optional<ServiceInfo> find(String namespaceId, String name) {
		return this.client.get()
			.listServicesPaginator((request) -> request.filters((filter) -> filter.name(ServiceFilterName.NAMESPACE_ID)
				.condition(FilterCondition.EQ)
				.values(namespaceId)))
			.stream()
			.flatMap((page) -> page.services().stream())
			.filter((service) -> name.equals(service.name()) && inNamespace(service.id(), namespaceId))
			.findFirst()
			.map((service) -> new ServiceInfo(service.id(), service.healthCheckCustomConfig() != null));
	}

	/**
	 * Checks a service's namespace with GetService: the summaries ListServices returns do
	 * not say it, and an implementation that ignores the filter would list other
	 * namespaces' services of the same name.
	 * @param serviceId the service
	 * @param namespaceId the namespace it must be in
	 * @return whether it is in that namespace
	 */
	private boolean inNamespace(String serviceId, String namespaceId) {
		return namespaceId
			.equals(this.client.get().getService((request) -> request.id(serviceId)).service().namespaceId());
	}

	private ServiceInfo create(NamespaceSummary namespace, String name) {
		if (!this.properties.isCreateIfMissing()) {
			throw new RegistrationFailedException("Cloud Map service '" + name + "' does not exist in namespace '"
					+ this.namespace + "'; create it or set dnssd.cloud-map.create-if-missing=true");
		}
		boolean dns = !"HTTP".equals(namespace.typeAsString());
		String id = this.client.get().createService((request) -> {
			request.name(name)
				.namespaceId(namespace.id())
				.creatorRequestId(UUID.randomUUID().toString())
				.healthCheckCustomConfig((health) -> health.failureThreshold(1));
			if (dns) {
				request.dnsConfig((config) -> config.routingPolicy(RoutingPolicy.MULTIVALUE)
					.dnsRecords((a) -> a.type(RecordType.A).ttl(this.ttl.toSeconds()),
							(srv) -> srv.type(RecordType.SRV).ttl(this.ttl.toSeconds())));
			}
		}).service().id();
		logger.info("Created Cloud Map service '" + name + "' (" + id + ") in namespace '" + this.namespace + "'");
		return new ServiceInfo(id, true);
	}

	private @Nullable NamespaceSummary namespaceSummary(boolean createIfAllowed) {
		NamespaceSummary known = this.namespaceSummary;
		if (known != null) {
			return known;
		}
		Optional<NamespaceSummary> found = findNamespace();
		if (found.isEmpty() && createIfAllowed) {
			createNamespace();
			found = findNamespace();
		}
		if (found.isEmpty()) {
			if (createIfAllowed) {
				throw new RegistrationFailedException(
						"Cloud Map namespace '" + this.namespace + "' was not found after creating it");
			}
			return null;
		}
		this.namespaceSummary = found.get();
		return found.get();
	}

	private Optional<NamespaceSummary> findNamespace() {
		return this.client.get()
			.listNamespacesPaginator((request) -> request.filters((filter) -> filter.name(NamespaceFilterName.NAME)
				.condition(FilterCondition.EQ)
				.values(this.namespace)))
			.stream()
			.flatMap((page) -> page.namespaces().stream())
			.filter((namespace) -> this.namespace.equals(namespace.name()))
			.findFirst();
	}

	private void createNamespace() {
		if (!this.properties.isCreateIfMissing()) {
			throw new RegistrationFailedException("Cloud Map namespace '" + this.namespace
					+ "' does not exist; create it or set dnssd.cloud-map.create-if-missing=true");
		}
		String creator = UUID.randomUUID().toString();
		String operationId;
		if (this.properties.getNamespaceType() == NamespaceType.DNS_PRIVATE) {
			String vpc = this.properties.getVpc();
			if (vpc == null) {
				throw new RegistrationFailedException(
						"Creating the private DNS namespace '" + this.namespace + "' needs dnssd.cloud-map.vpc");
			}
			operationId = this.client.get()
				.createPrivateDnsNamespace((request) -> request.name(this.namespace).vpc(vpc).creatorRequestId(creator))
				.operationId();
		}
		else {
			operationId = this.client.get()
				.createHttpNamespace((request) -> request.name(this.namespace).creatorRequestId(creator))
				.operationId();
		}
		String id = this.operations.await(operationId, "creation of namespace '" + this.namespace + "'")
			.targets()
			.get(OperationTargetType.NAMESPACE);
		logger.info("Created Cloud Map namespace '" + this.namespace + "' (" + id + ")");
	}

	/**
	 * A service's id and whether it has a custom health check.
	 *
	 * @param id the service id
	 * @param customHealth whether UpdateInstanceCustomHealthStatus applies
	 */
	record ServiceInfo(String id, boolean customHealth) {
	}

}
