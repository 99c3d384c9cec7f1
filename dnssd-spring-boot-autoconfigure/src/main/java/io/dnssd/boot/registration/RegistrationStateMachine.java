package io.dnssd.boot.registration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;

import io.dnssd.boot.ExponentialBackoff;
import io.dnssd.boot.model.Registrar;
import io.dnssd.boot.model.RegistryUnreachableException;
import io.dnssd.boot.model.ServiceRegistration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.TaskScheduler;

/**
 * The registration of one instance, without Spring: what the application wants (started
 * or stopped, healthy or not, ready, closed) and what the registry holds, reconciled by
 * calls to the {@link Registrar}. The calls are made one at a time by whichever thread
 * finds none in flight, and never under the lock that guards the state, so reading the
 * state and changing the health never wait for the network; a change that arrives during
 * a call is acted on when the call returns. A failed registration is retried with backoff
 * on the scheduler; after a {@link RegistryUnreachableException}, also as soon as the
 * registry's {@link Registrar#answers() check}, run twice a second meanwhile, says it is
 * back. While the instance is registered, the registry is asked on an interval whether it
 * still holds it ({@link Registrar#refresh}), which publishes it again if not.
 * {@link #stop()} waits for the call in flight, which would otherwise publish the
 * instance after it, and then removes the instance.
 */
final class RegistrationStateMachine {

	private static final Log logger = LogFactory.getLog(RegistrationStateMachine.class);

	/**
	 * How often a registration waiting out a backoff longer than twice this asks the
	 * registry whether it answers again.
	 */
	private static final Duration PROBE_INTERVAL = Duration.ofMillis(500);

	private final Registrar registrar;

	private final List<RegistrationListener> listeners;

	private final TaskScheduler scheduler;

	private final ExponentialBackoff backoff;

	private final @Nullable Duration refresh;

	private final Object lock = new Object();

	private @Nullable ServiceRegistration registration;

	private boolean started;

	private boolean stopRequested;

	private boolean healthy = true;

	private String healthStatus = "UP";

	private boolean ready;

	private boolean closed;

	private RegistrationState state = RegistrationState.NOT_REGISTERED;

	private boolean readyAnnounced;

	/**
	 * Whether the registry may hold the instance: a registration succeeded since the last
	 * removal.
	 */
	private boolean written;

	/** Whether a registration succeeded since the last start. */
	private boolean held;

	private boolean attemptDue;

	private int failures;

	private @Nullable String lastError;

	private @Nullable ScheduledFuture<?> retry;

	private @Nullable ScheduledFuture<?> probe;

	private @Nullable ScheduledFuture<?> refreshTimer;

	private boolean refreshDue;

	private boolean working;

	/** Whether the first registration attempt throws its failure instead of retrying. */
	private boolean throwFirstFailure;

	/**
	 * Creates a state machine.
	 * @param registrar the backend
	 * @param listeners receive state changes and outcomes, never under a lock
	 * @param scheduler runs the retries
	 * @param backoff the delay before each retry
	 * @param refresh how often a registered instance is checked and published again if
	 * the registry lost it; {@code null} or zero for never
	 */
	RegistrationStateMachine(Registrar registrar, List<RegistrationListener> listeners, TaskScheduler scheduler,
			ExponentialBackoff backoff, @Nullable Duration refresh) {
		this.registrar = registrar;
		this.listeners = List.copyOf(listeners);
		this.scheduler = scheduler;
		this.backoff = backoff;
		this.refresh = (refresh != null && !refresh.isZero() && !refresh.isNegative()) ? refresh : null;
	}

	/**
	 * Starts publishing an instance; publishes it now unless health is not UP.
	 * @param registration what to publish
	 * @param throwOnFailure whether a failure of the first attempt is thrown instead of
	 * retried
	 */
	void start(ServiceRegistration registration, boolean throwOnFailure) {
		synchronized (this.lock) {
			if (this.closed) {
				return;
			}
			this.registration = registration;
			this.throwFirstFailure = throwOnFailure;
			this.held = false;
			this.started = true;
			this.stopRequested = false;
			this.attemptDue = true;
		}
		reconcileForCaller();
	}

	/**
	 * Removes the instance, after the call in flight if there is one; returns once it is
	 * removed (or removing it failed). An instance no registration of which succeeded is
	 * taken as not written, and no call is made.
	 * @return whether the registry held the instance, so clients may still use it for a
	 * while
	 */
	boolean stop() {
		synchronized (this.lock) {
			if (!this.started) {
				return false;
			}
			this.started = false;
			this.stopRequested = true;
			this.attemptDue = false;
			cancelScheduledCalls();
		}
		reconcile();
		synchronized (this.lock) {
			while (this.working) {
				try {
					this.lock.wait();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return this.held;
				}
			}
			return this.held;
		}
	}

	/**
	 * Follows the application's health: withdraws the instance when it is not UP,
	 * restores it when it is UP again.
	 * @param up whether health is UP
	 * @param status the status, for the log
	 */
	void healthChanged(boolean up, String status) {
		synchronized (this.lock) {
			if (this.closed) {
				return;
			}
			this.healthStatus = status;
			if (up == this.healthy) {
				return;
			}
			this.healthy = up;
			if (!this.started) {
				return;
			}
			if (up) {
				if (this.written) {
					logger.info("Restoring " + describe() + ": status is " + status);
				}
				this.attemptDue = true;
			}
			else {
				this.attemptDue = false;
				cancelScheduledCalls();
			}
		}
		reconcileForCaller();
	}

	/**
	 * Holds the registration back until {@link #healthChanged} says health is UP: for an
	 * application whose health decides, so it is not published while its first health
	 * check is pending. Has no effect once started.
	 */
	void awaitHealth() {
		synchronized (this.lock) {
			if (!this.started) {
				this.healthy = false;
				this.healthStatus = "UNKNOWN";
			}
		}
	}

	/**
	 * Records that the application is ready to serve; the registrar is told now if the
	 * instance is registered, else after it is.
	 */
	void ready() {
		synchronized (this.lock) {
			if (this.ready || this.closed) {
				return;
			}
			this.ready = true;
		}
		reconcileForCaller();
	}

	/**
	 * Stops all work: no further calls are made, a scheduled retry or refresh is
	 * cancelled.
	 */
	void close() {
		synchronized (this.lock) {
			this.closed = true;
			cancelScheduledCalls();
		}
	}

	/**
	 * Returns the state as it is now, without waiting for a call in flight.
	 * @return the snapshot
	 */
	Snapshot snapshot() {
		synchronized (this.lock) {
			return new Snapshot(this.state, this.healthStatus, this.registration, this.failures, this.lastError);
		}
	}

	/**
	 * Makes the calls the wanted state needs for a caller that must not wait for a slow
	 * registry (startup, a health check): on the scheduler when the registrar registers
	 * in the background and no fail-fast outcome is owed, else on the caller's thread.
	 */
	private void reconcileForCaller() {
		boolean background;
		synchronized (this.lock) {
			background = this.registrar.traits().registersInBackground() && !this.throwFirstFailure;
		}
		if (!background) {
			reconcile();
			return;
		}
		try {
			this.scheduler.schedule(this::reconcile, this.scheduler.getClock().instant());
		}
		catch (RejectedExecutionException ex) {
			reconcile();
		}
	}

	/**
	 * Makes the calls the wanted state needs, one at a time, unless another thread is
	 * making them. The failure of the first registration attempt is thrown where
	 * fail-fast was asked for, on whichever thread makes it (the start, or the first
	 * health check that allows it).
	 */
	private void reconcile() {
		synchronized (this.lock) {
			if (this.working) {
				return;
			}
			this.working = true;
		}
		try {
			while (true) {
				List<Runnable> events = new ArrayList<>();
				Step step;
				synchronized (this.lock) {
					step = nextStep(events);
					if (step == null) {
						this.working = false;
						this.lock.notifyAll();
					}
				}
				events.forEach(Runnable::run);
				if (step == null) {
					return;
				}
				Result result = call(step);
				RuntimeException failure = result.failure();
				events.clear();
				boolean rethrow;
				synchronized (this.lock) {
					rethrow = failure != null && this.throwFirstFailure && step.action() == Action.REGISTER;
					if (step.action() == Action.REGISTER) {
						this.throwFirstFailure = false;
					}
					outcome(step, result, rethrow, events);
				}
				events.forEach(Runnable::run);
				if (rethrow) {
					throw failure;
				}
			}
		}
		finally {
			synchronized (this.lock) {
				if (this.working) {
					this.working = false;
					this.lock.notifyAll();
				}
			}
		}
	}

	private @Nullable Step nextStep(List<Runnable> events) {
		ServiceRegistration current = this.registration;
		if (this.closed || current == null) {
			return null;
		}
		if (!this.started) {
			if (!this.stopRequested) {
				return null;
			}
			if (!this.written && this.state != RegistrationState.DEREGISTERED) {
				logger.debug("Not deregistering " + describe() + ": no registration of it succeeded");
				changeState(RegistrationState.DEREGISTERED, events);
				return null;
			}
			return switch (this.state) {
				case REGISTERED, RETRYING, WITHDRAWN -> new Step(Action.DEREGISTER, current, false);
				case NOT_REGISTERED -> {
					changeState(RegistrationState.DEREGISTERED, events);
					yield null;
				}
				case DEREGISTERED -> null;
			};
		}
		if (!this.healthy) {
			return switch (this.state) {
				case REGISTERED, RETRYING -> new Step(Action.WITHDRAW, current, false);
				case NOT_REGISTERED, DEREGISTERED -> {
					logger.info("Not registering " + describe() + " yet: " + ("UNKNOWN".equals(this.healthStatus)
							? "waiting for its first health check" : "health is not UP"));
					changeState(RegistrationState.WITHDRAWN, events);
					yield null;
				}
				case WITHDRAWN -> null;
			};
		}
		if (this.state == RegistrationState.REGISTERED) {
			if (this.ready && !this.readyAnnounced) {
				return new Step(Action.READY, current, true);
			}
			if (this.refreshDue) {
				this.refreshDue = false;
				return new Step(Action.REFRESH, current, this.ready);
			}
			return null;
		}
		if (!this.attemptDue) {
			return null;
		}
		this.attemptDue = false;
		return new Step((this.state == RegistrationState.WITHDRAWN && this.written) ? Action.RESTORE : Action.REGISTER,
				current, this.ready);
	}

	private Result call(Step step) {
		try {
			boolean written = true;
			switch (step.action()) {
				case REGISTER -> this.registrar.register(step.registration());
				case RESTORE -> this.registrar.restore(step.registration());
				case WITHDRAW -> this.registrar.withdraw(step.registration());
				case DEREGISTER -> this.registrar.deregister(step.registration());
				case REFRESH -> written = this.registrar.refresh(step.registration());
				case READY -> {
				}
			}
			if (step.announceReady() && written) {
				this.registrar.ready(step.registration());
			}
			return new Result(null, written);
		}
		catch (RuntimeException ex) {
			return new Result(ex, false);
		}
	}

	private void outcome(Step step, Result result, boolean noRetry, List<Runnable> events) {
		RuntimeException failure = result.failure();
		if (failure != null) {
			this.failures++;
			this.lastError = failure.getMessage();
			events.add(() -> this.listeners.forEach((listener) -> listener.failed(failure)));
		}
		switch (step.action()) {
			case REGISTER, RESTORE, READY -> published(step, failure, noRetry, events);
			case REFRESH -> refreshed(result, events);
			case WITHDRAW -> removed(RegistrationState.WITHDRAWN, failure, events);
			case DEREGISTER -> removed(RegistrationState.DEREGISTERED, failure, events);
		}
	}

	private void published(Step step, @Nullable RuntimeException failure, boolean noRetry, List<Runnable> events) {
		if (failure == null) {
			if (step.action() != Action.READY) {
				String after = (this.failures > 0) ? " after " + this.failures + " failed attempts" : "";
				logger.info("Registered " + describe() + " in " + this.registrar.description() + after);
				this.failures = 0;
				this.lastError = null;
				this.written = true;
				this.held = true;
				changeState(RegistrationState.REGISTERED, events);
				events.add(() -> this.listeners.forEach(RegistrationListener::registered));
				scheduleRefresh();
			}
			this.readyAnnounced = step.announceReady();
			return;
		}
		if (noRetry && step.action() == Action.REGISTER) {
			return;
		}
		retryLater("Registering", failure, events);
	}

	private void refreshed(Result result, List<Runnable> events) {
		RuntimeException failure = result.failure();
		if (failure != null) {
			retryLater("Refreshing", failure, events);
			return;
		}
		if (result.written()) {
			logger.info("Registered " + describe() + " again in " + this.registrar.description()
					+ ": the registry no longer held all of it");
			events.add(() -> this.listeners.forEach(RegistrationListener::registered));
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Refreshed " + describe() + " in " + this.registrar.description() + ": nothing was missing");
		}
		this.failures = 0;
		this.lastError = null;
		scheduleRefresh();
	}

	private void retryLater(String doing, RuntimeException failure, List<Runnable> events) {
		Duration delay = this.backoff.delay(this.failures);
		if (this.state != RegistrationState.RETRYING) {
			logger.warn(doing + " " + describe() + " in " + this.registrar.description() + " failed, retrying in "
					+ delay.toMillis() + " ms: " + this.lastError);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(
					"Registering " + describe() + " failed again (" + this.failures + " in a row): " + this.lastError);
		}
		changeState(RegistrationState.RETRYING, events);
		scheduleRetry(delay, failure instanceof RegistryUnreachableException);
	}

	private void removed(RegistrationState removedState, @Nullable RuntimeException failure, List<Runnable> events) {
		this.readyAnnounced = false;
		if (failure != null) {
			logger.warn("Removing " + describe() + " failed; its records stay until removed by hand or replaced: "
					+ failure.getMessage());
		}
		else if (removedState == RegistrationState.WITHDRAWN) {
			logger.info("Withdrew " + describe() + " from " + this.registrar.description() + ": status is "
					+ this.healthStatus);
			events.add(() -> this.listeners.forEach(RegistrationListener::withdrawn));
		}
		else {
			logger.info("Deregistered " + describe() + " from " + this.registrar.description());
		}
		if (removedState == RegistrationState.DEREGISTERED) {
			this.written = false;
		}
		changeState(removedState, events);
	}

	private void scheduleRetry(Duration delay, boolean untilTheRegistryAnswers) {
		try {
			this.retry = this.scheduler.schedule(() -> {
				synchronized (this.lock) {
					this.retry = null;
					cancelProbe();
					this.attemptDue = true;
				}
				reconcile();
			}, this.scheduler.getClock().instant().plus(delay));
			if (untilTheRegistryAnswers && delay.compareTo(PROBE_INTERVAL.multipliedBy(2)) > 0) {
				this.probe = this.scheduler.scheduleWithFixedDelay(this::probeRegistry,
						this.scheduler.getClock().instant().plus(PROBE_INTERVAL), PROBE_INTERVAL);
			}
		}
		catch (RejectedExecutionException ex) {
			logger.debug("Not retrying: the scheduler is shut down");
		}
	}

	/**
	 * Schedules the next check that the registry still holds the instance, at 90 to 100 %
	 * of the interval, so instances started together do not all ask at once.
	 */
	private void scheduleRefresh() {
		cancel(this.refreshTimer);
		this.refreshTimer = null;
		if (this.refresh == null) {
			return;
		}
		long interval = this.refresh.toMillis();
		Duration delay = Duration.ofMillis(interval - ThreadLocalRandom.current().nextLong(interval / 10 + 1));
		try {
			this.refreshTimer = this.scheduler.schedule(this::refreshNow,
					this.scheduler.getClock().instant().plus(delay));
		}
		catch (RejectedExecutionException ex) {
			logger.debug("Not refreshing: the scheduler is shut down");
		}
	}

	private void refreshNow() {
		synchronized (this.lock) {
			this.refreshTimer = null;
			if (this.closed || !this.started || !this.healthy || this.state != RegistrationState.REGISTERED) {
				return;
			}
			this.refreshDue = true;
		}
		reconcile();
	}

	/**
	 * While a retry waits out its backoff: asks the registry whether it answers, and
	 * retries now if it does. Stops when the registry has no such check.
	 */
	private void probeRegistry() {
		Optional<Boolean> answers = this.registrar.answers();
		synchronized (this.lock) {
			if (this.retry == null || answers.isEmpty()) {
				cancelProbe();
				return;
			}
			if (!answers.get()) {
				return;
			}
			logger.debug("The registry answers again; registering " + describe() + " now instead of at the end of"
					+ " the backoff");
			cancelScheduledCalls();
			this.attemptDue = true;
		}
		reconcile();
	}

	private void cancelScheduledCalls() {
		cancel(this.retry);
		this.retry = null;
		cancelProbe();
		cancel(this.refreshTimer);
		this.refreshTimer = null;
		this.refreshDue = false;
	}

	private void cancelProbe() {
		cancel(this.probe);
		this.probe = null;
	}

	private static void cancel(@Nullable ScheduledFuture<?> scheduled) {
		if (scheduled != null) {
			scheduled.cancel(false);
		}
	}

	private void changeState(RegistrationState newState, List<Runnable> events) {
		if (this.state != newState) {
			this.state = newState;
			events.add(() -> this.listeners.forEach((listener) -> listener.stateChanged(newState)));
		}
	}

	private String describe() {
		ServiceRegistration current = this.registration;
		return (current != null) ? "'" + this.registrar.publishedName(current) + "' of " + current.service() + " ("
				+ current.address().getHostAddress() + ":" + current.port() + ")" : "this instance";
	}

	/**
	 * The state at one moment.
	 *
	 * @param state what the registry holds
	 * @param status the status last set: UP, DOWN or OUT_OF_SERVICE
	 * @param registration what is published, once started
	 * @param failures failed calls in a row
	 * @param lastError the message of the last failure, if the last call failed
	 */
	record Snapshot(RegistrationState state, String status, @Nullable ServiceRegistration registration, int failures,
			@Nullable String lastError) {
	}

	private enum Action {

		REGISTER, RESTORE, READY, REFRESH, WITHDRAW, DEREGISTER

	}

	private record Step(Action action, ServiceRegistration registration, boolean announceReady) {
	}

	/**
	 * What a call to the registrar came to.
	 *
	 * @param failure what it threw, if it failed
	 * @param written whether it wrote the instance (a refresh that found it all there
	 * writes nothing)
	 */
	private record Result(@Nullable RuntimeException failure, boolean written) {
	}

}
