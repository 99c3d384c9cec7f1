package io.dnssd.boot.loadbalancer;

import java.time.Duration;

/**
 * Settings of passive outlier ejection, see {@link OutlierEjectionProperties}.
 *
 * @param consecutiveFailures failed calls in a row that eject an instance
 * @param baseEjectionTime ejection time of a first ejection
 * @param maxEjectionTime longest ejection, not shorter than the base time
 * @param maxEjectionPercent share of a service's instances that may be ejected at once
 * @param interval time back in the choice that takes one step off the next ejection
 */
record OutlierEjection(int consecutiveFailures, Duration baseEjectionTime, Duration maxEjectionTime,
		int maxEjectionPercent, Duration interval) {

	/**
	 * Returns how many of a service's instances may be ejected at once: the share, and
	 * always at least one.
	 * @param instances the number of the service's instances
	 * @return the most that may be ejected
	 */
	int mostEjected(int instances) {
		return Math.max(1, instances * this.maxEjectionPercent / 100);
	}

}
