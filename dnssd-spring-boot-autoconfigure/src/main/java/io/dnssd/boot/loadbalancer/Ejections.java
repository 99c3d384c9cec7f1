package io.dnssd.boot.loadbalancer;

import java.util.Map;
import java.util.Set;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The instances of one service ejected at one moment, with the time each comes back.
 * Immutable: the detector replaces it at every change, so a load balancer can tell by
 * identity whether what it prepared is still right.
 *
 * @param until when each ejected endpoint comes back, in {@link System#nanoTime()} terms
 * @param nextReturn the earliest of those times
 */
record Ejections(Map<Endpoint, Long> until, long nextReturn) {

	/** No instance ejected. */
	static final Ejections NONE = new Ejections(Map.of(), 0);

	Ejections {
		until = Map.copyOf(until);
	}

	/**
	 * Returns ejections of the given endpoints.
	 * @param until when each comes back
	 * @return the ejections
	 */
	static Ejections of(Map<Endpoint, Long> until) {
		if (until.isEmpty()) {
			return NONE;
		}
		long next = until.values().stream().reduce((a, b) -> (a - b < 0) ? a : b).orElseThrow();
		return new Ejections(until, next);
	}

	/**
	 * Returns whether an instance is ejected.
	 * @param instance the instance
	 * @return {@code true} if it is left out of the choice
	 */
	boolean contains(ServiceInstance instance) {
		return !this.until.isEmpty() && this.until.containsKey(Endpoint.of(instance));
	}

	/**
	 * Returns the ejected endpoints.
	 * @return the endpoints
	 */
	Set<Endpoint> endpoints() {
		return this.until.keySet();
	}

	/**
	 * Returns whether one of the ejections has run out at the given time.
	 * @param now the time, in {@link System#nanoTime()} terms
	 * @return {@code true} if an endpoint is due back
	 */
	boolean anyDue(long now) {
		return !this.until.isEmpty() && now - this.nextReturn >= 0;
	}

}
