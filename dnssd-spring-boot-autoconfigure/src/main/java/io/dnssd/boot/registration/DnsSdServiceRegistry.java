package io.dnssd.boot.registration;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dnssd.boot.ExponentialBackoff;
import io.dnssd.boot.model.Registrar;
import io.dnssd.boot.model.ServiceRegistration;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.serviceregistry.ServiceRegistry;
import org.springframework.scheduling.TaskScheduler;

/**
 * Spring Cloud {@link ServiceRegistry} on a {@link Registrar}, a thin adapter over the
 * {@link RegistrationStateMachine}. Registering makes one attempt on the caller's thread;
 * when it fails, attempts continue in the background with exponential backoff and jitter
 * (unless fail-fast is set, which throws). The instance is published while it is both
 * started and healthy: {@link #setStatus} with {@code DOWN} or {@code OUT_OF_SERVICE}
 * withdraws it, {@code UP} restores it. While registered, the registry is asked on an
 * interval whether it still holds the instance, which is published again if not. No
 * method waits for a registry call in flight except {@link #deregister}, which must not
 * finish before the instance is removed.
 */
public class DnsSdServiceRegistry implements ServiceRegistry<DnsSdRegistration> {

	/** Status that publishes the instance. */
	public static final String UP = "UP";

	/** Status that withdraws the instance. */
	public static final String OUT_OF_SERVICE = "OUT_OF_SERVICE";

	private static final String DOWN = "DOWN";

	private static final ExponentialBackoff BACKOFF = new ExponentialBackoff(Duration.ofSeconds(1),
			Duration.ofMinutes(1), 0.25);

	private final Registrar registrar;

	private final boolean failFast;

	private final RegistrationStateMachine machine;

	private volatile boolean registeredWhenDeregistered;

	/**
	 * Creates a registry.
	 * @param registrar the backend
	 * @param failFast whether a failed first attempt throws
	 * @param listeners receive state changes and outcomes
	 * @param scheduler runs retries and refreshes
	 * @param refresh how often the registry is asked whether it still holds the instance,
	 * which is published again if not; {@code null} or zero for never
	 */
	public DnsSdServiceRegistry(Registrar registrar, boolean failFast, List<RegistrationListener> listeners,
			TaskScheduler scheduler, @Nullable Duration refresh) {
		this.registrar = registrar;
		this.failFast = failFast;
		this.machine = new RegistrationStateMachine(registrar, listeners, scheduler, BACKOFF, refresh);
	}

	@Override
	public void register(@Nullable DnsSdRegistration registration) {
		if (registration != null) {
			this.machine.start(registration.current(), this.failFast);
		}
	}

	@Override
	public void deregister(@Nullable DnsSdRegistration registration) {
		this.registeredWhenDeregistered = this.machine.stop();
	}

	/**
	 * Returns whether the registry held this instance when it was last deregistered, so
	 * clients may still call it for a while.
	 * @return {@code false} if no registration succeeded or it was never deregistered
	 */
	public boolean wasRegisteredWhenDeregistered() {
		return this.registeredWhenDeregistered;
	}

	@Override
	public void close() {
		this.machine.close();
	}

	/**
	 * Withdraws or restores the instance.
	 * @param registration the registration
	 * @param status {@code UP}, {@code DOWN} or {@code OUT_OF_SERVICE}, in any case
	 * @throws IllegalArgumentException for another status (Actuator's
	 * {@code InvalidEndpointRequestException} where Actuator is present, a 400 from the
	 * endpoint)
	 */
	@Override
	public void setStatus(DnsSdRegistration registration, String status) {
		String normalized = status.toUpperCase(Locale.ROOT);
		boolean up = UP.equals(normalized);
		if (!up && !OUT_OF_SERVICE.equals(normalized) && !DOWN.equals(normalized)) {
			throw UnknownStatus
				.of("Unknown status '" + status + "': use " + UP + ", " + DOWN + " or " + OUT_OF_SERVICE);
		}
		this.machine.healthChanged(up, normalized);
	}

	/**
	 * Holds the registration back until a status of {@code UP} is set: for applications
	 * whose health decides whether they are registered, so they are not published before
	 * their first health check. Call before the registration starts.
	 */
	public void awaitHealth() {
		this.machine.awaitHealth();
	}

	/**
	 * Records that the application is ready to serve and tells the registrar, now if the
	 * instance is registered, else after it is.
	 */
	public void markReady() {
		this.machine.ready();
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T getStatus(DnsSdRegistration registration) {
		RegistrationStateMachine.Snapshot snapshot = this.machine.snapshot();
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("status", snapshot.status());
		status.put("state", snapshot.state().name());
		status.put("registry", this.registrar.description());
		ServiceRegistration current = snapshot.registration();
		if (current != null) {
			status.put("instance", current.instance().value());
		}
		if (snapshot.lastError() != null) {
			status.put("lastError", snapshot.lastError());
			status.put("failures", snapshot.failures());
		}
		return (T) status;
	}

	/**
	 * Returns the current state.
	 * @return the state
	 */
	public RegistrationState state() {
		return this.machine.snapshot().state();
	}

	/**
	 * Returns the message of the last failure, if the last attempt failed.
	 * @return the message, without secrets
	 */
	public @Nullable String lastError() {
		return this.machine.snapshot().lastError();
	}

}
