package io.dnssd.boot.discovery;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * Discovery of the services this application calls.
 */
@ConfigurationProperties("dnssd.discovery")
public class DiscoveryProperties {

	/**
	 * Whether the discovery clients are enabled.
	 */
	private boolean enabled = true;

	/**
	 * Order of the discovery clients among the application's discovery clients (Spring
	 * Cloud's composite client asks them in this order).
	 */
	private int order = DiscoveryClient.DEFAULT_ORDER;

	/**
	 * How services are looked up unless a service overrides it. Defaults to 'dns-sd' on the
	 * dns backend and to 'srv' (the records Cloud Map keeps) on cloud-map with DNS discovery.
	 */
	private @Nullable LookupMode lookup;

	/**
	 * Name queried by the 'srv' and 'address' lookups, with the placeholders {service} and
	 * {domain}, e.g. '_http._tcp.{service}.default.svc.cluster.local'. Defaults to
	 * '{service}.{domain}', or '{service}' when no domain is set.
	 */
	private @Nullable String nameTemplate;

	/**
	 * Port of the instances found by the 'address' lookup.
	 */
	private @Nullable Integer port;

	/**
	 * Attributes every instance must carry to be used, e.g. 'stage: prod'. Keys compare
	 * case-insensitively; a service's own filters are added to these.
	 */
	private Map<String, String> filters = new LinkedHashMap<>();

	/**
	 * Settings of individual services, by service id: 'lookup', 'name-template', 'port' and
	 * 'filters', each overriding the global setting of that name (filters add to the global
	 * ones), e.g. 'services.calc.lookup: srv'. The services named here are also listed by
	 * 'getServices()'.
	 */
	private Map<String, Service> services = new LinkedHashMap<>();

	/**
	 * How long the last good answer is still served after its TTL has run out while lookups
	 * fail.
	 */
	private Duration staleIfError = Duration.ofMinutes(5);

	/**
	 * Shortest time an answer is cached, whatever the TTL of its records.
	 */
	private Duration minTtl = Duration.ofSeconds(1);

	/**
	 * Longest time an answer is cached, whatever the TTL of its records.
	 */
	private Duration maxTtl = Duration.ofMinutes(5);

	/**
	 * How long after its last use a service is still refreshed in the background.
	 */
	private Duration idleTimeout = Duration.ofMinutes(10);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getOrder() {
		return this.order;
	}

	public void setOrder(int order) {
		this.order = order;
	}

	public @Nullable LookupMode getLookup() {
		return this.lookup;
	}

	public void setLookup(@Nullable LookupMode lookup) {
		this.lookup = lookup;
	}

	public @Nullable String getNameTemplate() {
		return this.nameTemplate;
	}

	public void setNameTemplate(@Nullable String nameTemplate) {
		this.nameTemplate = nameTemplate;
	}

	public @Nullable Integer getPort() {
		return this.port;
	}

	public void setPort(@Nullable Integer port) {
		this.port = port;
	}

	public Map<String, String> getFilters() {
		return this.filters;
	}

	public void setFilters(Map<String, String> filters) {
		this.filters = filters;
	}

	public Map<String, Service> getServices() {
		return this.services;
	}

	public void setServices(Map<String, Service> services) {
		this.services = services;
	}

	public Duration getStaleIfError() {
		return this.staleIfError;
	}

	public void setStaleIfError(Duration staleIfError) {
		this.staleIfError = staleIfError;
	}

	public Duration getMinTtl() {
		return this.minTtl;
	}

	public void setMinTtl(Duration minTtl) {
		this.minTtl = minTtl;
	}

	public Duration getMaxTtl() {
		return this.maxTtl;
	}

	public void setMaxTtl(Duration maxTtl) {
		this.maxTtl = maxTtl;
	}

	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	/**
	 * Settings of one service; unset values fall back to the global ones.
	 */
	public static class Service {

		/**
		 * How this service is looked up.
		 */
		private @Nullable LookupMode lookup;

		/**
		 * Name queried by the 'srv' and 'address' lookups for this service, with the
		 * placeholders {service} and {domain}.
		 */
		private @Nullable String nameTemplate;

		/**
		 * Port of this service's instances found by the 'address' lookup.
		 */
		private @Nullable Integer port;

		/**
		 * Attributes this service's instances must carry, added to the global filters.
		 */
		private Map<String, String> filters = new LinkedHashMap<>();

		public @Nullable LookupMode getLookup() {
			return this.lookup;
		}

		public void setLookup(@Nullable LookupMode lookup) {
			this.lookup = lookup;
		}

		public @Nullable String getNameTemplate() {
			return this.nameTemplate;
		}

		public void setNameTemplate(@Nullable String nameTemplate) {
			this.nameTemplate = nameTemplate;
		}

		public @Nullable Integer getPort() {
			return this.port;
		}

		public void setPort(@Nullable Integer port) {
			this.port = port;
		}

		public Map<String, String> getFilters() {
			return this.filters;
		}

		public void setFilters(Map<String, String> filters) {
			this.filters = filters;
		}

	}

}
