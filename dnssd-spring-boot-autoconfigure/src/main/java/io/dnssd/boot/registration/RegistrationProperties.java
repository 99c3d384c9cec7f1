package io.dnssd.boot.registration;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.dnssd.boot.PropertyChecks;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How this application registers itself.
 */
@ConfigurationProperties("dnssd.registration")
public class RegistrationProperties implements InitializingBean {

	/**
	 * Whether this application registers itself.
	 */
	private boolean enabled = true;

	/**
	 * Service this application is an instance of. Defaults to 'spring.application.name'.
	 */
	private @Nullable String serviceName;

	/**
	 * Instance id, unique within the service. Defaults to the service name, the address
	 * and the port joined by hyphens, e.g. 'calc-10-0-0-5-8080'.
	 */
	private @Nullable String instanceId;

	/**
	 * Address clients connect to. Defaults to 'server.address' when that names one
	 * address, else the ECS task's private IPv4 address (awsvpc), else the multicast DNS
	 * interface's address, else the first non-loopback address Spring Cloud's InetUtils
	 * finds; a public address is never chosen by default.
	 */
	private @Nullable String address;

	/**
	 * Port clients connect to. Defaults to the web server's port; required for an
	 * application without a web server.
	 */
	private @Nullable Integer port;

	/**
	 * SRV priority: clients use the lowest priority that has instances.
	 */
	private int priority;

	/**
	 * SRV weight: the share of requests among instances of the same priority.
	 */
	private int weight = 1;

	/**
	 * Version published as the 'version' attribute. Defaults to the build-info version.
	 */
	private @Nullable String version;

	/**
	 * Stage published as the 'stage' attribute, e.g. 'prod'.
	 */
	private @Nullable String stage;

	/**
	 * Zone published as the 'zone' attribute, for Spring Cloud LoadBalancer's zone
	 * preference.
	 */
	private @Nullable String zone;

	/**
	 * Further attributes to publish, as TXT 'key=value' strings.
	 */
	private Map<String, String> metadata = new LinkedHashMap<>();

	/**
	 * How long the application keeps serving after deregistering on shutdown, so clients'
	 * caches let go of it. Defaults to 'dnssd.ttl', or to 1s with multicast DNS, whose
	 * goodbye packets remove the instance from peers' caches at once.
	 */
	private @Nullable Duration drain;

	/**
	 * How often the registry is asked whether it still holds this instance, which is
	 * registered again if not (records removed by a reaper or an operator, a zone
	 * reloaded from an old file, a Cloud Map instance deregistered by hand). 0 turns the
	 * check off. Multicast DNS answers from this process's memory and needs no check.
	 */
	private Duration refresh = Duration.ofSeconds(60);

	/**
	 * Whether startup fails when the first registration attempt fails, instead of
	 * retrying in the background.
	 */
	private boolean failFast;

	/**
	 * Health-driven registration.
	 */
	private final Health health = new Health();

	@Override
	public void afterPropertiesSet() {
		PropertyChecks.notNegative("dnssd.registration.drain", this.drain);
		PropertyChecks.notNegative("dnssd.registration.refresh", this.refresh);
		PropertyChecks.positive("dnssd.registration.health.interval", this.health.getInterval());
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getServiceName() {
		return this.serviceName;
	}

	public void setServiceName(@Nullable String serviceName) {
		this.serviceName = serviceName;
	}

	public @Nullable String getInstanceId() {
		return this.instanceId;
	}

	public void setInstanceId(@Nullable String instanceId) {
		this.instanceId = instanceId;
	}

	public @Nullable String getAddress() {
		return this.address;
	}

	public void setAddress(@Nullable String address) {
		this.address = address;
	}

	public @Nullable Integer getPort() {
		return this.port;
	}

	public void setPort(@Nullable Integer port) {
		this.port = port;
	}

	public int getPriority() {
		return this.priority;
	}

	public void setPriority(int priority) {
		this.priority = priority;
	}

	public int getWeight() {
		return this.weight;
	}

	public void setWeight(int weight) {
		this.weight = weight;
	}

	public @Nullable String getVersion() {
		return this.version;
	}

	public void setVersion(@Nullable String version) {
		this.version = version;
	}

	public @Nullable String getStage() {
		return this.stage;
	}

	public void setStage(@Nullable String stage) {
		this.stage = stage;
	}

	public @Nullable String getZone() {
		return this.zone;
	}

	public void setZone(@Nullable String zone) {
		this.zone = zone;
	}

	public Map<String, String> getMetadata() {
		return this.metadata;
	}

	public void setMetadata(Map<String, String> metadata) {
		this.metadata = metadata;
	}

	public @Nullable Duration getDrain() {
		return this.drain;
	}

	public void setDrain(@Nullable Duration drain) {
		this.drain = drain;
	}

	public Duration getRefresh() {
		return this.refresh;
	}

	public void setRefresh(Duration refresh) {
		this.refresh = refresh;
	}

	public boolean isFailFast() {
		return this.failFast;
	}

	public void setFailFast(boolean failFast) {
		this.failFast = failFast;
	}

	public Health getHealth() {
		return this.health;
	}

	/**
	 * Registration that follows Actuator's health.
	 */
	public static class Health {

		/**
		 * Whether a DOWN or OUT_OF_SERVICE health withdraws the instance and UP restores
		 * it.
		 */
		private boolean enabled = true;

		/**
		 * How often health is checked, besides on every availability change.
		 */
		private Duration interval = Duration.ofSeconds(10);

		/**
		 * Health group to follow instead of the aggregated health, e.g. 'readiness'.
		 */
		private @Nullable String group;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public @Nullable String getGroup() {
			return this.group;
		}

		public void setGroup(@Nullable String group) {
			this.group = group;
		}

	}

}
