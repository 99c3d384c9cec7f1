package io.dnssd.boot.discovery;

import java.time.Duration;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Timing of the {@link InstanceCache}.
 *
 * @param minTtl shortest time an answer is cached
 * @param maxTtl longest time an answer is cached
 * @param staleIfError how long after its TTL an answer is still served while lookups fail
 * @param idleTimeout how long after its last use a service is still refreshed
 */
public record CacheSettings(Duration minTtl, Duration maxTtl, Duration staleIfError, Duration idleTimeout) {

	/**
	 * Creates settings, validating them.
	 * @throws InvalidConfigurationPropertyValueException naming the property that is out
	 * of range
	 */
	public CacheSettings {
		requirePositive("dnssd.discovery.min-ttl", minTtl);
		requirePositive("dnssd.discovery.idle-timeout", idleTimeout);
		if (maxTtl.compareTo(minTtl) < 0) {
			throw new InvalidConfigurationPropertyValueException("dnssd.discovery.max-ttl", maxTtl,
					"it must not be less than dnssd.discovery.min-ttl (" + minTtl + ")");
		}
		if (staleIfError.isNegative()) {
			throw new InvalidConfigurationPropertyValueException("dnssd.discovery.stale-if-error", staleIfError,
					"it must not be negative");
		}
	}

	/**
	 * Clamps a TTL between the floor and the ceiling.
	 * @param ttl the TTL of an answer
	 * @return the time the answer is cached
	 */
	public Duration clamp(Duration ttl) {
		if (ttl.compareTo(this.minTtl) < 0) {
			return this.minTtl;
		}
		return (ttl.compareTo(this.maxTtl) > 0) ? this.maxTtl : ttl;
	}

	private static void requirePositive(String property, Duration value) {
		if (value.isZero() || value.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(property, value, "it must be positive");
		}
	}

}
