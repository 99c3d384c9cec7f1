package io.dnssd.boot.model;

import java.time.Duration;
import java.util.List;

/**
 * Answer of a backend for one service: the instances and how long they may be cached.
 *
 * @param instances the instances; empty when the service has none
 * @param ttl time to live of the answer, the smallest TTL of the records it was built
 * from
 */
public record Resolution(List<Instance> instances, Duration ttl) {

	/**
	 * Creates a resolution.
	 * @throws IllegalArgumentException if the TTL is negative
	 */
	public Resolution {
		instances = List.copyOf(instances);
		if (ttl.isNegative()) {
			throw new IllegalArgumentException("TTL must not be negative, was " + ttl);
		}
	}

}
