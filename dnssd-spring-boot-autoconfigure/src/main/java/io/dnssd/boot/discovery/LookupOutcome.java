package io.dnssd.boot.discovery;

import java.util.Locale;

/**
 * How a caller's request for a service's instances was answered.
 */
public enum LookupOutcome {

	/** From the cache, within the TTL. */
	HIT,

	/**
	 * From a lookup the caller waited for: the service was not cached or had gone idle.
	 */
	MISS,

	/**
	 * From the cache after the TTL while the background refresh that replaces it is
	 * pending; no lookup has failed.
	 */
	EXPIRED,

	/**
	 * From the cache after the TTL, because lookups fail; within {@code stale-if-error}.
	 */
	STALE,

	/**
	 * Nothing to serve: lookups fail and no answer within {@code stale-if-error} is
	 * cached.
	 */
	ERROR;

	/**
	 * Returns the lower-case name, as used in metric tags.
	 * @return e.g. {@code hit}
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
