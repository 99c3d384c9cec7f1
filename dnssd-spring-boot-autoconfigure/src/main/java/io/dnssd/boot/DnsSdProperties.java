package io.dnssd.boot;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Properties shared by every part of the starter.
 */
@ConfigurationProperties("dnssd")
public class DnsSdProperties implements InitializingBean {

	/**
	 * Whether DNS-SD registration and discovery are enabled.
	 */
	private boolean enabled = true;

	/**
	 * Backend that holds the registry.
	 */
	private Backend backend = Backend.MDNS;

	/**
	 * Domain under which services are registered and looked up, e.g.
	 * 'services.example.com'. When not set, names are relative and resolved with the
	 * system's search domains; with multicast DNS it is always 'local'.
	 */
	private @Nullable String domain;

	/**
	 * Time to live of the records this application registers.
	 */
	private Duration ttl = Duration.ofSeconds(30);

	@Override
	public void afterPropertiesSet() {
		PropertyChecks.positive("dnssd.ttl", this.ttl);
		PropertyChecks.domainName("dnssd.domain", this.domain);
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getTtl() {
		return this.ttl;
	}

	public void setTtl(Duration ttl) {
		this.ttl = ttl;
	}

	public Backend getBackend() {
		return this.backend;
	}

	public void setBackend(Backend backend) {
		this.backend = backend;
	}

	public @Nullable String getDomain() {
		return this.domain;
	}

	public void setDomain(@Nullable String domain) {
		this.domain = domain;
	}

	/**
	 * Backends that can hold the registry.
	 */
	public enum Backend {

		/**
		 * Multicast DNS (RFC 6762): each application answers for itself on the local
		 * link, with no server. The default.
		 */
		MDNS,

		/**
		 * Unicast DNS: lookups against DNS servers, registration by RFC 2136 dynamic
		 * update.
		 */
		DNS,

		/**
		 * AWS Cloud Map: registration and discovery through its API.
		 */
		CLOUD_MAP

	}

}
