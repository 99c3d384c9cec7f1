package io.dnssd.boot.registration;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.dnssd.boot.ExponentialBackoff;
import io.dnssd.boot.model.Registrar;
import io.dnssd.boot.model.ServiceRegistration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.serviceregistry.ServiceRegistry;

/**
 * {@link ServiceRegistry} on a {@link Registrar}. Registering makes one attempt on the
 * caller's thread; when it fails, attempts continue in the background with exponential
 * backoff and jitter (unless fail-fast is set, which throws). The instance is published while
 * it is both started and healthy: {@link #setStatus} with {@code DOWN} or
 * {@code OUT_OF_SERVICE} withdraws it, {@code UP} restores it.
 */
public class DnsSdServiceRegistry implements ServiceRegistry<DnsSdRegistration> {

	/** Status that publishes the instance. */
	public static final String UP = "UP";

	/** Status that withdraws the instance. */
	public static final String OUT_OF_SERVICE = "OUT_OF_SERVICE";

	private static final Log logger = LogFactory.getLog(DnsSdServiceRegistry.class);

	private static final ExponentialBackoff BACKOFF = new ExponentialBackoff(Duration.ofSeconds(1),
			Duration.ofMinutes(1), 0.25);

	private final Registrar registrar;

	private final boolean failFast;

	private final List<RegistrationListener> listeners;

	private final ScheduledExecutorService scheduler;

	private RegistrationState state = RegistrationState.NOT_REGISTERED;

	private @Nullable ServiceRegistration current;

	private boolean started;

	private boolean healthy = true;

	private boolean closed;

	private boolean ready;

	private int failures;

	private @Nullable String lastError;

	private @Nullable ScheduledFuture<?> retry;

	/**
	 * Creates a registry.
	 * @param registrar the backend
	 * @param failFast whether a failed first attempt throws
	 * @param listeners receive state changes and outcomes
	 * @param scheduler runs retries; shut down by {@link #close()}
	 */
	public DnsSdServiceRegistry(Registrar registrar, boolean failFast, List<RegistrationListener> listeners,
			ScheduledExecutorService scheduler) {
		this.registrar = registrar;
		this.failFast = failFast;
		this.listeners = List.copyOf(listeners);
		this.scheduler = scheduler;
	}

	@Override
	public synchronized void register(@Nullable DnsSdRegistration registration) {
		if (registration == null || this.closed) {
			return;
		}
		this.current = registration.current();
		this.started = true;
		if (this.healthy) {
			attempt(this.failFast);
		}
		else {
			logger.info("Not registering " + describe() + " yet: health is not UP");
			changeState(RegistrationState.WITHDRAWN);
		}
	}

	@Override
	public synchronized void deregister(@Nullable DnsSdRegistration registration) {
		if (!this.started) {
			return;
		}
		this.started = false;
		cancelRetry();
		if (remove(RegistrationState.DEREGISTERED)) {
			logger.info("Deregistered " + describe() + " from " + this.registrar.description());
		}
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		cancelRetry();
		this.scheduler.shutdownNow();
	}

	@Override
	public synchronized void setStatus(DnsSdRegistration registration, String status) {
		String normalized = status.toUpperCase(Locale.ROOT);
		boolean up = UP.equals(normalized);
		if (!up && !OUT_OF_SERVICE.equals(normalized) && !"DOWN".equals(normalized)) {
			throw new IllegalArgumentException(
					"Unknown status '" + status + "': use " + UP + ", DOWN or " + OUT_OF_SERVICE);
		}
		if (up == this.healthy || this.closed) {
			return;
		}
		this.healthy = up;
		if (!this.started) {
			return;
		}
		if (up) {
			logger.info("Restoring " + describe() + ": status is " + UP);
			attempt(false);
		}
		else {
			cancelRetry();
			if (remove(RegistrationState.WITHDRAWN)) {
				logger.info("Withdrew " + describe() + " from " + this.registrar.description() + ": status is "
						+ normalized);
				this.listeners.forEach(RegistrationListener::withdrawn);
			}
		}
	}

	/**
	 * Records that the application is ready to serve and tells the registrar, now if the
	 * instance is registered, else after it is.
	 */
	public synchronized void markReady() {
		if (this.ready || this.closed) {
			return;
		}
		this.ready = true;
		if (this.state == RegistrationState.REGISTERED) {
			try {
				this.registrar.ready(this.current);
			}
			catch (RuntimeException ex) {
				failed(ex);
				scheduleRetry();
			}
		}
	}

	@Override
	@SuppressWarnings("unchecked")
	public synchronized <T> T getStatus(DnsSdRegistration registration) {
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("status", this.healthy ? UP : OUT_OF_SERVICE);
		status.put("state", this.state.name());
		status.put("registry", this.registrar.description());
		if (this.current != null) {
			status.put("instance", this.current.instance().value());
		}
		if (this.lastError != null) {
			status.put("lastError", this.lastError);
			status.put("failures", this.failures);
		}
		return (T) status;
	}

	/**
	 * Returns the current state.
	 * @return the state
	 */
	public synchronized RegistrationState state() {
		return this.state;
	}

	/**
	 * Returns the message of the last failure, if the last attempt failed.
	 * @return the message, without secrets
	 */
	public synchronized @Nullable String lastError() {
		return this.lastError;
	}

	private void attempt(boolean throwOnFailure) {
		if (!this.started || !this.healthy || this.closed || this.current == null) {
			return;
		}
		try {
			if (this.state == RegistrationState.WITHDRAWN) {
				this.registrar.restore(this.current);
			}
			else {
				this.registrar.register(this.current);
			}
			if (this.ready) {
				this.registrar.ready(this.current);
			}
		}
		catch (RuntimeException ex) {
			failed(ex);
			if (throwOnFailure) {
				throw ex;
			}
			scheduleRetry();
			return;
		}
		if (this.failures > 0) {
			logger.info("Registered " + describe() + " in " + this.registrar.description() + " after " + this.failures
					+ " failed attempts");
		}
		else {
			logger.info("Registered " + describe() + " in " + this.registrar.description());
		}
		this.failures = 0;
		this.lastError = null;
		changeState(RegistrationState.REGISTERED);
		this.listeners.forEach(RegistrationListener::registered);
	}

	private boolean remove(RegistrationState removedState) {
		boolean published = this.state == RegistrationState.REGISTERED || this.state == RegistrationState.RETRYING
				|| (this.state == RegistrationState.WITHDRAWN && removedState == RegistrationState.DEREGISTERED);
		if (!published) {
			changeState(removedState);
			return false;
		}
		try {
			if (removedState == RegistrationState.WITHDRAWN) {
				this.registrar.withdraw(this.current);
			}
			else {
				this.registrar.deregister(this.current);
			}
			changeState(removedState);
			return true;
		}
		catch (RuntimeException ex) {
			failed(ex);
			logger.warn("Removing " + describe() + " failed; its records stay until removed by hand or replaced: "
					+ ex.getMessage());
			changeState(removedState);
			return false;
		}
	}

	private void failed(RuntimeException ex) {
		this.failures++;
		this.lastError = ex.getMessage();
		this.listeners.forEach((listener) -> listener.failed(ex));
	}

	private void scheduleRetry() {
		Duration delay = BACKOFF.delay(this.failures);
		if (this.state != RegistrationState.RETRYING) {
			logger.warn("Registering " + describe() + " in " + this.registrar.description() + " failed, retrying in "
					+ delay.toMillis() + " ms: " + this.lastError);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Registering " + describe() + " failed again (" + this.failures + " in a row): " + this.lastError);
		}
		changeState(RegistrationState.RETRYING);
		try {
			this.retry = this.scheduler.schedule(this::retry, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			logger.debug("Not retrying: the registry is closed");
		}
	}

	private synchronized void retry() {
		this.retry = null;
		attempt(false);
	}

	private void cancelRetry() {
		if (this.retry != null) {
			this.retry.cancel(false);
			this.retry = null;
		}
	}

	private void changeState(RegistrationState newState) {
		if (this.state != newState) {
			this.state = newState;
			this.listeners.forEach((listener) -> listener.stateChanged(newState));
		}
	}

	private String describe() {
		return (this.current != null)
				? "'" + this.current.instance() + "' of " + this.current.service() + " ("
						+ this.current.address().getHostAddress() + ":" + this.current.port() + ")"
				: "this instance";
	}

}
