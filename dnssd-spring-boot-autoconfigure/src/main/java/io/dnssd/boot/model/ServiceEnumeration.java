package io.dnssd.boot.model;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Answer of a backend to "which services are there": the service ids and how long the
 * list may be cached.
 *
 * @param serviceIds the services, in the backend's order
 * @param ttl time to live of the answer; zero when the backend gives none, so the cache
 * applies its floor
 */
public record ServiceEnumeration(Set<String> serviceIds, Duration ttl) {

	/**
	 * Creates an enumeration.
	 * @throws IllegalArgumentException if the TTL is negative
	 */
	public ServiceEnumeration {
		serviceIds = Collections.unmodifiableSet(new LinkedHashSet<>(serviceIds));
		if (ttl.isNegative()) {
			throw new IllegalArgumentException("TTL must not be negative, was " + ttl);
		}
	}

}
