package io.dnssd.boot.loadbalancer;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.dnssd.boot.PropertyChecks;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the load balancer that load-balanced clients use with DNS-SD discovery.
 */
@ConfigurationProperties("dnssd.loadbalancer")
public class LoadBalancerProperties implements InitializingBean {

	/**
	 * Whether load-balanced clients choose instances from the DNS-SD cache by SRV
	 * priority and weight.
	 */
	private boolean enabled = true;

	/**
	 * How an instance is chosen among the SRV priority group that serves.
	 */
	private Choice choice = Choice.WEIGHTED_RANDOM;

	/**
	 * Settings of single services, by service name.
	 */
	private Map<String, Client> clients = new LinkedHashMap<>();

	private final SlowStartSettings slowStart = new SlowStartSettings();

	@Override
	public void afterPropertiesSet() {
		PropertyChecks.notNegative("dnssd.loadbalancer.slow-start.window", this.slowStart.getWindow());
		PropertyChecks.percent("dnssd.loadbalancer.slow-start.floor-percent", this.slowStart.getFloorPercent());
	}

	/**
	 * Returns the slow start of every service.
	 * @return the registry of slow starts
	 */
	SlowStarts newSlowStarts() {
		return new SlowStarts(this.slowStart.getWindow(), this.slowStart.getFloorPercent(), System::nanoTime);
	}

	/**
	 * Returns how instances of a service are chosen.
	 * @param serviceId the service
	 * @return its own choice if set, else the global one
	 */
	Choice choiceOf(String serviceId) {
		Client client = this.clients.get(serviceId);
		Choice own = (client != null) ? client.getChoice() : null;
		return (own != null) ? own : this.choice;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Choice getChoice() {
		return this.choice;
	}

	public void setChoice(Choice choice) {
		this.choice = choice;
	}

	public Map<String, Client> getClients() {
		return this.clients;
	}

	public void setClients(Map<String, Client> clients) {
		this.clients = clients;
	}

	public SlowStartSettings getSlowStart() {
		return this.slowStart;
	}

	/**
	 * Slow start: an instance that appears while the application runs gets a growing
	 * share of its SRV weight, as in Envoy's slow start mode.
	 */
	public static class SlowStartSettings {

		/**
		 * Time over which a new instance's share grows linearly to its full weight; zero
		 * turns slow start off.
		 */
		private Duration window = Duration.ZERO;

		/**
		 * Share of its weight, in percent, a new instance starts with.
		 */
		private int floorPercent = 10;

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

		public int getFloorPercent() {
			return this.floorPercent;
		}

		public void setFloorPercent(int floorPercent) {
			this.floorPercent = floorPercent;
		}

	}

	/**
	 * Settings of one service.
	 */
	public static class Client {

		/**
		 * How an instance of this service is chosen; the global choice when not set.
		 */
		private @Nullable Choice choice;

		public @Nullable Choice getChoice() {
			return this.choice;
		}

		public void setChoice(@Nullable Choice choice) {
			this.choice = choice;
		}

	}

}
