package io.dnssd.boot.discovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.dnssd.boot.model.InstanceSource;
import io.dnssd.boot.model.LookupFailedException;
import io.dnssd.boot.model.ServiceEnumeration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Caches the service enumeration behind {@code DiscoveryClient#getServices()} with the
 * rules of the {@link InstanceCache}: an answer is kept for its TTL (clamped by
 * {@link CacheSettings}); when asking again fails, the last good answer is served for up
 * to {@code stale-if-error} with one WARN for the outage, and an INFO line reports
 * recovery. While asking fails, the backend is asked again at most once a second, so
 * callers see its return within about a second. The enumeration is asked for on demand
 * only; callers asking at the same time wait for the same answer.
 */
public final class ServiceEnumerationCache {

	private static final Log logger = LogFactory.getLog(ServiceEnumerationCache.class);

	private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

	private final InstanceSource source;

	private final CacheSettings settings;

	private final Clock clock;

	private final Object lock = new Object();

	private @Nullable Answer answer;

	private int failures;

	private Instant nextAttempt = Instant.MIN;

	private @Nullable LookupFailedException lastFailure;

	/**
	 * Creates a cache.
	 * @param source the backend that enumerates services
	 * @param settings the TTL bounds and stale-if-error, shared with the instance cache
	 * @param clock the clock
	 */
	public ServiceEnumerationCache(InstanceSource source, CacheSettings settings, Clock clock) {
		this.source = source;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Returns the services, from memory while the last answer is fresh.
	 * @return the service ids
	 * @throws LookupFailedException if the backend cannot be asked and no answer younger
	 * than its TTL plus stale-if-error is left
	 */
	public Set<String> serviceIds() {
		synchronized (this.lock) {
			Instant now = this.clock.instant();
			Answer last = this.answer;
			if (last != null && now.isBefore(last.freshUntil())) {
				return last.serviceIds();
			}
			LookupFailedException failure = this.lastFailure;
			if (failure != null && now.isBefore(this.nextAttempt)) {
				return servedWhileFailing(now, failure);
			}
			try {
				return fetched(this.source.enumerate(), now);
			}
			catch (LookupFailedException ex) {
				return failed(ex, now);
			}
		}
	}

	private Set<String> fetched(ServiceEnumeration enumeration, Instant now) {
		Duration ttl = this.settings.clamp(enumeration.ttl());
		this.answer = new Answer(enumeration.serviceIds(), now, now.plus(ttl),
				now.plus(ttl).plus(this.settings.staleIfError()));
		if (this.failures > 0) {
			logger.info("Listing the services succeeds again after " + this.failures + " failed attempts: "
					+ enumeration.serviceIds().size() + " services");
		}
		this.failures = 0;
		this.lastFailure = null;
		return enumeration.serviceIds();
	}

	private Set<String> failed(LookupFailedException ex, Instant now) {
		this.failures++;
		this.lastFailure = ex;
		this.nextAttempt = now.plus(RETRY_INTERVAL);
		Answer last = this.answer;
		if (this.failures == 1) {
			String serving = (last != null) ? "serving the " + last.serviceIds().size() + " services found at "
					+ last.fetchedAt() + " until " + last.staleUntil() : "no earlier answer to serve";
			logger.warn("Listing the services failed, retrying; " + serving + ": " + ex.getMessage());
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Listing the services failed again (" + this.failures + " in a row): " + ex.getMessage());
		}
		return servedWhileFailing(now, ex);
	}

	private Set<String> servedWhileFailing(Instant now, LookupFailedException failure) {
		Answer last = this.answer;
		if (last != null && now.isBefore(last.staleUntil())) {
			return last.serviceIds();
		}
		if (last != null) {
			logger.warn("The services listed at " + last.fetchedAt() + " are older than stale-if-error ("
					+ this.settings.staleIfError() + "); listing them fails until the backend answers");
			this.answer = null;
		}
		throw new LookupFailedException(failure.getMessage(), failure);
	}

	/**
	 * A good answer and its deadlines.
	 *
	 * @param serviceIds the services
	 * @param fetchedAt when it was obtained
	 * @param freshUntil end of its TTL
	 * @param staleUntil end of stale-if-error after its TTL
	 */
	private record Answer(Set<String> serviceIds, Instant fetchedAt, Instant freshUntil, Instant staleUntil) {
	}

}
