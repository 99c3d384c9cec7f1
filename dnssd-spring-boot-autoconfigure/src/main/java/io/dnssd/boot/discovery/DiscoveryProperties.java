package io.dnssd.boot.discovery;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.dnssd.boot.PropertyChecks;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.cloud.client.discovery.DiscoveryClient;

/**
 * Discovery of the services this application calls.
 */
@ConfigurationProperties("dnssd.discovery")
public class DiscoveryProperties implements InitializingBean {

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
	 * Attributes every instance must carry to be used, e.g. 'stage: prod'. Keys compare
	 * case-insensitively; a service's own filters are added to these.
	 */
	private Map<String, String> filters = new LinkedHashMap<>();

	/**
	 * Settings of individual services, by service id: 'lookup', 'name-template', 'port'
	 * and 'filters', each overriding the global setting of that name (filters add to the
	 * global ones), e.g. 'services.calc.lookup: srv'. The services named here are also
	 * listed by 'getServices()'.
	 */
	private Map<String, Service> services = new LinkedHashMap<>();

	/**
	 * How long the last good answer is still served after its TTL has run out while
	 * lookups fail.
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

	/**
	 * Most instances kept per service; those past it are not served, with a WARN, so a
	 * hostile or runaway zone cannot exhaust the memory.
	 */
	private int maxInstances = 1000;

	/**
	 * Most bytes of attributes (key=value, UTF-8) kept per instance; attributes past it
	 * are dropped, with a WARN.
	 */
	private int maxAttributeBytes = 4096;

	@Override
	public void afterPropertiesSet() {
		PropertyChecks.atLeastOne("dnssd.discovery.max-instances", this.maxInstances);
		PropertyChecks.atLeastOne("dnssd.discovery.max-attribute-bytes", this.maxAttributeBytes);
	}

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

	public int getMaxInstances() {
		return this.maxInstances;
	}

	public void setMaxInstances(int maxInstances) {
		this.maxInstances = maxInstances;
	}

	public int getMaxAttributeBytes() {
		return this.maxAttributeBytes;
	}

	public void setMaxAttributeBytes(int maxAttributeBytes) {
		this.maxAttributeBytes = maxAttributeBytes;
	}

	public Duration getIdleTimeout() {
		return this.idleTimeout;
	}

	public void setIdleTimeout(Duration idleTimeout) {
		this.idleTimeout = idleTimeout;
	}

	/**
	 * Settings of one service that every backend reads; the DNS lookup settings of a
	 * service are in {@code DnsDiscoveryProperties}.
	 */
	public static class Service {

		/**
		 * Attributes this service's instances must carry, added to the global filters.
		 */
		private Map<String, String> filters = new LinkedHashMap<>();

		public Map<String, String> getFilters() {
			return this.filters;
		}

		public void setFilters(Map<String, String> filters) {
			this.filters = filters;
		}

	}

}
