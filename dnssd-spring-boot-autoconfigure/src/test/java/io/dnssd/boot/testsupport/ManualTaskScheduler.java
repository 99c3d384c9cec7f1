package io.dnssd.boot.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.PriorityQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;

/**
 * {@link TaskScheduler} on a fake clock: tasks run only when a test advances the clock,
 * on the test's thread, in the order they are due.
 */
public final class ManualTaskScheduler implements TaskScheduler {

	private final PriorityQueue<Task> tasks = new PriorityQueue<>();

	private Instant now = Instant.parse("2026-01-01T00:00:00Z");

	private long sequence;

	@Override
	public synchronized Clock getClock() {
		return Clock.fixed(this.now, ZoneOffset.UTC);
	}

	/**
	 * Moves the clock forward, running each task when its time comes.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		Instant target;
		synchronized (this) {
			target = this.now.plus(duration);
		}
		while (true) {
			Task next;
			synchronized (this) {
				next = this.tasks.peek();
				if (next == null || next.due.isAfter(target)) {
					this.now = target;
					return;
				}
				this.tasks.remove();
				this.now = next.due;
			}
			next.run();
		}
	}

	/**
	 * Moves the clock forward without running what falls due, as a busy scheduler would.
	 * @param duration how far
	 */
	public synchronized void skip(Duration duration) {
		this.now = this.now.plus(duration);
	}

	/**
	 * Returns the tasks waiting to run.
	 * @return how many
	 */
	public synchronized int pending() {
		return this.tasks.size();
	}

	@Override
	public synchronized ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
		return add(task, startTime, null);
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
		throw new UnsupportedOperationException("Triggers are not used");
	}

	@Override
	public synchronized ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
		return add(task, startTime, period);
	}

	@Override
	public synchronized ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
		return add(task, this.now.plus(period), period);
	}

	@Override
	public synchronized ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
		return add(task, startTime, delay);
	}

	@Override
	public synchronized ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
		return add(task, this.now.plus(delay), delay);
	}

	private Task add(Runnable runnable, Instant due, @Nullable Duration period) {
		Task task = new Task(runnable, due.isBefore(this.now) ? this.now : due, period, this.sequence++);
		this.tasks.add(task);
		return task;
	}

	private final class Task implements ScheduledFuture<Object> {

		private final Runnable runnable;

		private Instant due;

		private final @Nullable Duration period;

		private long order;

		private volatile boolean cancelled;

		private volatile boolean done;

		Task(Runnable runnable, Instant due, @Nullable Duration period, long order) {
			this.runnable = runnable;
			this.due = due;
			this.period = period;
			this.order = order;
		}

		void run() {
			if (this.cancelled) {
				return;
			}
			this.runnable.run();
			if (this.period != null && !this.cancelled) {
				synchronized (ManualTaskScheduler.this) {
					this.due = this.due.plus(this.period);
					this.order = ManualTaskScheduler.this.sequence++;
					ManualTaskScheduler.this.tasks.add(this);
				}
			}
			else {
				this.done = true;
			}
		}

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(Duration.between(getClock().instant(), this.due));
		}

		@Override
		public int compareTo(Delayed other) {
			Task that = (Task) other;
			int byDue = this.due.compareTo(that.due);
			return (byDue != 0) ? byDue : Long.compare(this.order, that.order);
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			this.cancelled = true;
			synchronized (ManualTaskScheduler.this) {
				ManualTaskScheduler.this.tasks.remove(this);
			}
			return true;
		}

		@Override
		public boolean isCancelled() {
			return this.cancelled;
		}

		@Override
		public boolean isDone() {
			return this.done || this.cancelled;
		}

		@Override
		public Object get() {
			throw new UnsupportedOperationException("Nothing waits for a manual task");
		}

		@Override
		public Object get(long timeout, TimeUnit unit) {
			throw new UnsupportedOperationException("Nothing waits for a manual task");
		}

	}

}
