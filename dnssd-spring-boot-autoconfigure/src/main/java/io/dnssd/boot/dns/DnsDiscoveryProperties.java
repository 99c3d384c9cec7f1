package io.dnssd.boot.dns;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How services are looked up in DNS: the settings of {@code dnssd.discovery} that only
 * DNS lookups read (on the dns backend, and on cloud-map with DNS discovery). The
 * settings every backend shares are in {@code DiscoveryProperties}.
 */
@ConfigurationProperties("dnssd.discovery")
public class DnsDiscoveryProperties {

	/**
	 * How services are looked up unless a service overrides it. Defaults to 'dns-sd' on
	 * the dns backend and to 'srv' (the records Cloud Map keeps) on cloud-map with DNS
	 * discovery.
	 */
	private @Nullable LookupMode lookup;

	/**
	 * Name queried by the 'srv' and 'address' lookups, with the placeholders {service}
	 * and {domain}, e.g. '_http._tcp.{service}.default.svc.cluster.local'. Defaults to
	 * '{service}.{domain}', or '{service}' when no domain is set.
	 */
	private @Nullable String nameTemplate;

	/**
	 * Port of the instances found by the 'address' lookup.
	 */
	private @Nullable Integer port;

	/**
	 * Settings of individual services, by service id: 'lookup', 'name-template', 'port'
	 * and 'filters', each overriding the global setting of that name (filters add to the
	 * global ones), e.g. 'services.calc.lookup: srv'. The services named here are also
	 * listed by 'getServices()'.
	 */
	private Map<String, Service> services = new LinkedHashMap<>();

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

	public Map<String, Service> getServices() {
		return this.services;
	}

	public void setServices(Map<String, Service> services) {
		this.services = services;
	}

	/**
	 * DNS settings of one service; unset values fall back to the global ones.
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

	}

}
