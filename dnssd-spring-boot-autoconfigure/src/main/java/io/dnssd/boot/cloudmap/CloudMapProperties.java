package io.dnssd.boot.cloudmap;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * AWS Cloud Map backend, selected with {@code dnssd.backend=cloud-map}.
 */
@ConfigurationProperties("dnssd.cloud-map")
public class CloudMapProperties {

	/**
	 * Namespace the services live in. Defaults to 'dnssd.domain'.
	 */
	private @Nullable String namespace;

	/**
	 * AWS region. Defaults to the SDK's region provider chain (AWS_REGION, profile,
	 * instance metadata).
	 */
	private @Nullable String region;

	/**
	 * Endpoint to use instead of AWS's, e.g. a local emulator. Host-prefix injection is
	 * turned off with it, so DiscoverInstances goes to this host and not to
	 * 'data-<host>'.
	 */
	private @Nullable URI endpoint;

	/**
	 * How services are discovered.
	 */
	private Discovery discovery = Discovery.API;

	/**
	 * Health filter of DiscoverInstances.
	 */
	private HealthStatus healthStatus = HealthStatus.HEALTHY_OR_ELSE_ALL;

	/**
	 * Whether a missing namespace and service are created on registration.
	 */
	private boolean createIfMissing;

	/**
	 * Type of a namespace created with 'create-if-missing'.
	 */
	private NamespaceType namespaceType = NamespaceType.HTTP;

	/**
	 * VPC of a private DNS namespace created with 'create-if-missing'.
	 */
	private @Nullable String vpc;

	/**
	 * How long to wait for a registration, deregistration or creation to complete.
	 */
	private Duration operationTimeout = Duration.ofSeconds(30);

	/**
	 * How often a service in use is checked for changes, with DiscoverInstancesRevision.
	 */
	private Duration pollInterval = Duration.ofSeconds(5);

	/**
	 * How often a service in use is fetched whole even when its revision did not change,
	 * since health changes do not change it.
	 */
	private Duration fullRefreshInterval = Duration.ofSeconds(30);

	public @Nullable String getNamespace() {
		return this.namespace;
	}

	public void setNamespace(@Nullable String namespace) {
		this.namespace = namespace;
	}

	public @Nullable String getRegion() {
		return this.region;
	}

	public void setRegion(@Nullable String region) {
		this.region = region;
	}

	public @Nullable URI getEndpoint() {
		return this.endpoint;
	}

	public void setEndpoint(@Nullable URI endpoint) {
		this.endpoint = endpoint;
	}

	public Discovery getDiscovery() {
		return this.discovery;
	}

	public void setDiscovery(Discovery discovery) {
		this.discovery = discovery;
	}

	public HealthStatus getHealthStatus() {
		return this.healthStatus;
	}

	public void setHealthStatus(HealthStatus healthStatus) {
		this.healthStatus = healthStatus;
	}

	public boolean isCreateIfMissing() {
		return this.createIfMissing;
	}

	public void setCreateIfMissing(boolean createIfMissing) {
		this.createIfMissing = createIfMissing;
	}

	public NamespaceType getNamespaceType() {
		return this.namespaceType;
	}

	public void setNamespaceType(NamespaceType namespaceType) {
		this.namespaceType = namespaceType;
	}

	public @Nullable String getVpc() {
		return this.vpc;
	}

	public void setVpc(@Nullable String vpc) {
		this.vpc = vpc;
	}

	public Duration getOperationTimeout() {
		return this.operationTimeout;
	}

	public void setOperationTimeout(Duration operationTimeout) {
		this.operationTimeout = operationTimeout;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	public Duration getFullRefreshInterval() {
		return this.fullRefreshInterval;
	}

	public void setFullRefreshInterval(Duration fullRefreshInterval) {
		this.fullRefreshInterval = fullRefreshInterval;
	}

	/**
	 * How services are discovered.
	 */
	public enum Discovery {

		/** Cloud Map's DiscoverInstances API, with query parameters and health filter. */
		API,

		/**
		 * The SRV and A records Cloud Map keeps in a DNS namespace, read with DNS
		 * lookups.
		 */
		DNS

	}

	/**
	 * Health filter of DiscoverInstances.
	 */
	public enum HealthStatus {

		/** Healthy instances only. */
		HEALTHY,

		/** Unhealthy instances only. */
		UNHEALTHY,

		/** All instances. */
		ALL,

		/** Healthy instances, or all when none is healthy. */
		HEALTHY_OR_ELSE_ALL

	}

	/**
	 * Type of a namespace created with 'create-if-missing'.
	 */
	public enum NamespaceType {

		/** Discovery by API only. */
		HTTP,

		/** Discovery by API and by DNS in a Route 53 private hosted zone of a VPC. */
		DNS_PRIVATE

	}

}
