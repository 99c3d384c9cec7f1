package io.dnssd.boot.mdns;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;

import org.springframework.scheduling.TaskScheduler;

/**
 * The timers of one multicast DNS engine on the starter's shared scheduler: probes,
 * announcements, delayed answers, queries and cache sweeps. Closing cancels every timer
 * still pending and refuses new ones, so nothing is sent after the engine closed.
 */
final class MdnsTimers implements AutoCloseable {

	private static final int PURGE_ABOVE = 256;

	private final TaskScheduler scheduler;

	private final Set<ScheduledFuture<?>> pending = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	MdnsTimers(TaskScheduler scheduler) {
		this.scheduler = scheduler;
	}

	/**
	 * Runs a task once after a delay.
	 * @param task the task
	 * @param delayMillis the delay
	 * @return the timer
	 * @throws RejectedExecutionException once closed
	 */
	ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
		requireOpen();
		return track(this.scheduler.schedule(task, this.scheduler.getClock().instant().plusMillis(delayMillis)));
	}

	/**
	 * Runs a task repeatedly, each run a delay after the previous one ended.
	 * @param task the task
	 * @param delayMillis the first delay and each one after
	 * @return the timer
	 * @throws RejectedExecutionException once closed
	 */
	ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long delayMillis) {
		requireOpen();
		Duration delay = Duration.ofMillis(delayMillis);
		return track(
				this.scheduler.scheduleWithFixedDelay(task, this.scheduler.getClock().instant().plus(delay), delay));
	}

	@Override
	public void close() {
		this.closed = true;
		this.pending.forEach((future) -> future.cancel(false));
		this.pending.clear();
	}

	private ScheduledFuture<?> track(ScheduledFuture<?> future) {
		if (this.pending.size() > PURGE_ABOVE) {
			this.pending.removeIf(Future::isDone);
		}
		this.pending.add(future);
		if (this.closed) {
			future.cancel(false);
		}
		return future;
	}

	private void requireOpen() {
		if (this.closed) {
			throw new RejectedExecutionException("The multicast DNS engine is closed");
		}
	}

}
