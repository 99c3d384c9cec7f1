package io.dnssd.boot.discovery;

import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Cache state of one service. Fields are written under the object's monitor by the
 * {@link InstanceCache} and read without it; changes are queued under the monitor and
 * delivered to listeners after it is released, in order.
 */
final class CachedService {

	final String serviceId;

	volatile @Nullable Snapshot snapshot;

	/** When a caller last asked for the service, in milliseconds of the cache's clock. */
	volatile long lastAccessMillis = Long.MIN_VALUE;

	/**
	 * Whether a background refresh is scheduled, so callers need not wait for a lookup.
	 */
	volatile boolean refreshing;

	/**
	 * The next background refresh, cancelled when a change brings the refresh forward.
	 */
	volatile @Nullable ScheduledFuture<?> next;

	/** Lookups that failed in a row. */
	volatile int failures;

	/** When the last lookup started. */
	volatile Instant lastAttempt = Instant.MIN;

	/** Instance lists not yet delivered to the listeners, oldest first. */
	final Queue<List<ServiceInstance>> undelivered = new ConcurrentLinkedQueue<>();

	/** Whether a thread is delivering changes, so that they arrive in order. */
	final AtomicBoolean delivering = new AtomicBoolean();

	CachedService(String serviceId) {
		this.serviceId = serviceId;
	}

	/**
	 * Instances served for a service, and until when.
	 *
	 * @param instances the instances, after filtering
	 * @param fetchedAt when the answer arrived
	 * @param expiresAt when its TTL runs out
	 * @param staleUntil until when it is served while lookups fail
	 */
	record Snapshot(List<ServiceInstance> instances, Instant fetchedAt, Instant expiresAt, Instant staleUntil) {
	}

}
