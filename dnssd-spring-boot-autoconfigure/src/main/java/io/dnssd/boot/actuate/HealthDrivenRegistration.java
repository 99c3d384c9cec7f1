package io.dnssd.boot.actuate;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Supplier;

import io.dnssd.boot.registration.DnsSdRegistration;
import io.dnssd.boot.registration.DnsSdServiceRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

/**
 * Makes the registration follow Actuator's health: checked every interval and on every
 * {@link AvailabilityChangeEvent}, a DOWN or OUT_OF_SERVICE health withdraws the instance
 * and any other status restores it. Health is first read when readiness first reports
 * {@link ReadinessState#ACCEPTING_TRAFFIC}, on the event's thread, so an instance whose
 * health is UP then is registered before the event returns; the instance is not
 * registered before that first check allows it, so an application whose health is DOWN
 * when it becomes ready is never published. Events before readiness are ignored, checks
 * never run at once, and a first read that fails is tried again shortly rather than after
 * a whole interval.
 */
public class HealthDrivenRegistration implements SmartLifecycle, ApplicationListener<AvailabilityChangeEvent<?>> {

	private static final Log logger = LogFactory.getLog(HealthDrivenRegistration.class);

	private static final Duration FIRST_READ_RETRY = Duration.ofMillis(200);

	private final Supplier<Status> health;

	private final DnsSdServiceRegistry registry;

	private final DnsSdRegistration registration;

	private final Duration interval;

	private final TaskScheduler scheduler;

	private volatile @Nullable ScheduledFuture<?> polling;

	/** The status last passed on; the first check passes its status on whatever it is. */
	private volatile @Nullable String lastStatus;

	private volatile boolean running;

	private volatile boolean ready;

	private final Object checking = new Object();

	/**
	 * Creates the monitor.
	 * @param health reads the status to follow
	 * @param registry the registry to drive
	 * @param registration this application's registration
	 * @param interval how often to check
	 * @param scheduler runs the checks
	 */
	public HealthDrivenRegistration(Supplier<Status> health, DnsSdServiceRegistry registry,
			DnsSdRegistration registration, Duration interval, TaskScheduler scheduler) {
		this.health = health;
		this.registry = registry;
		this.registration = registration;
		this.interval = interval;
		this.scheduler = scheduler;
		registry.awaitHealth();
	}

	@Override
	public void start() {
		this.running = true;
		this.polling = this.scheduler.scheduleWithFixedDelay(this::check,
				this.scheduler.getClock().instant().plus(this.interval), this.interval);
	}

	@Override
	public void stop() {
		this.running = false;
		ScheduledFuture<?> scheduled = this.polling;
		if (scheduled != null) {
			scheduled.cancel(false);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public void onApplicationEvent(AvailabilityChangeEvent<?> event) {
		if (!this.running) {
			return;
		}
		if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
			this.ready = true;
			check();
			return;
		}
		if (!this.ready) {
			logger.debug("Not checking health on " + event.getState() + ": the application is not ready yet");
			return;
		}
		checkAfter(Duration.ZERO);
	}

	private void checkAfter(Duration delay) {
		try {
			this.scheduler.schedule(this::check, this.scheduler.getClock().instant().plus(delay));
		}
		catch (RejectedExecutionException ex) {
			logger.debug("Not checking health after shutdown began");
		}
	}

	/**
	 * Reads health and passes a change on to the registry.
	 */
	void check() {
		if (!this.running || !this.ready || !this.registration.isBound()) {
			return;
		}
		synchronized (this.checking) {
			String status;
			try {
				Status current = this.health.get();
				status = (Status.DOWN.equals(current) || Status.OUT_OF_SERVICE.equals(current))
						? DnsSdServiceRegistry.OUT_OF_SERVICE : DnsSdServiceRegistry.UP;
			}
			catch (RuntimeException ex) {
				boolean first = this.lastStatus == null;
				logger.warn("Reading health failed; the registration stays as it is"
						+ (first ? ", reading it again in " + FIRST_READ_RETRY.toMillis() + " ms" : "") + ": "
						+ ex.getMessage());
				if (first) {
					checkAfter(FIRST_READ_RETRY);
				}
				return;
			}
			if (!status.equals(this.lastStatus)) {
				this.lastStatus = status;
				this.registry.setStatus(this.registration, status);
			}
		}
	}

}
