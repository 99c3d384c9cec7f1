package io.dnssd.boot;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delays between retries: the first delay, doubled after each further failure up to a
 * ceiling, plus up to a fraction of random jitter so that many instances do not retry in
 * step.
 *
 * @param first delay after the first failure
 * @param max longest delay
 * @param jitter largest random addition, as a fraction of the delay (0 for none)
 */
public record ExponentialBackoff(Duration first, Duration max, double jitter) {

	private static final int MAX_DOUBLINGS = 20;

	/**
	 * Returns the delay after a number of failures in a row.
	 * @param failures failures so far, at least 1
	 * @return the delay
	 */
	public Duration delay(int failures) {
		Duration base = this.first.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), MAX_DOUBLINGS));
		if (base.compareTo(this.max) > 0) {
			base = this.max;
		}
		long extra = (long) (base.toMillis() * this.jitter);
		return (extra > 0) ? base.plusMillis(ThreadLocalRandom.current().nextLong(extra + 1)) : base;
	}

}
