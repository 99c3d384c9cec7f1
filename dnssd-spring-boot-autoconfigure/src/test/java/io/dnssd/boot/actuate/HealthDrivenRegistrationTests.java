package io.dnssd.boot.actuate;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.dnssd.boot.model.Registrar;
import io.dnssd.boot.model.ServiceRegistration;
import io.dnssd.boot.registration.DnsSdRegistration;
import io.dnssd.boot.registration.DnsSdServiceRegistry;
import io.dnssd.boot.registration.RegistrationFactory;
import io.dnssd.boot.registration.RegistrationProperties;
import io.dnssd.boot.registration.RegistrationState;
import io.dnssd.boot.testsupport.ManualTaskScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health-driven registration on a fake scheduler: health is read first on the readiness
 * event's thread, never by two threads at once, and a failed first read is repeated
 * shortly.
 */
class HealthDrivenRegistrationTests {

	private static final Duration INTERVAL = Duration.ofSeconds(10);

	private final ManualTaskScheduler scheduler = new ManualTaskScheduler();

	private final RecordingRegistrar registrar = new RecordingRegistrar();

	private final DnsSdServiceRegistry registry = new DnsSdServiceRegistry(this.registrar, false, List.of(),
			this.scheduler, null);

	private final DnsSdRegistration registration = registration();

	private final CountedHealth health = new CountedHealth();

	private final HealthDrivenRegistration monitor = new HealthDrivenRegistration(this.health, this.registry,
			this.registration, INTERVAL, this.scheduler);

	@AfterEach
	void stop() {
		this.monitor.stop();
	}

	@Test
	void anUpHealthAtReadinessRegistersBeforeTheEventReturns() {
		start();
		ready();
		assertThat(this.registrar.registered).hasSize(1);
		assertThat(this.registry.state()).isEqualTo(RegistrationState.REGISTERED);
	}

	@Test
	void anEventBeforeReadinessDoesNotReadHealthBesideTheReadinessCheck() throws Exception {
		start();
		this.monitor.onApplicationEvent(new AvailabilityChangeEvent<>(this, LivenessState.CORRECT));
		CountDownLatch release = this.health.blockNextRead();
		CompletableFuture<Void> readiness = CompletableFuture.runAsync(this::ready);
		assertThat(this.health.entered.await(5, TimeUnit.SECONDS)).isTrue();
		this.scheduler.advance(Duration.ZERO);
		release.countDown();
		readiness.get(5, TimeUnit.SECONDS);
		assertThat(this.health.mostAtOnce).hasValue(1);
		assertThat(this.registrar.registered).hasSize(1);
	}

	@Test
	void checksAfterReadinessWaitForTheOneInFlight() throws Exception {
		start();
		ready();
		CountDownLatch release = this.health.blockNextRead();
		CompletableFuture<Void> first = CompletableFuture.runAsync(this.monitor::check);
		assertThat(this.health.entered.await(5, TimeUnit.SECONDS)).isTrue();
		this.monitor.onApplicationEvent(new AvailabilityChangeEvent<>(this, LivenessState.BROKEN));
		CompletableFuture<Void> second = CompletableFuture.runAsync(() -> this.scheduler.advance(Duration.ZERO));
		Thread.sleep(200);
		release.countDown();
		first.get(5, TimeUnit.SECONDS);
		second.get(5, TimeUnit.SECONDS);
		assertThat(this.health.mostAtOnce).hasValue(1);
		assertThat(this.health.reads).hasValue(3);
	}

	@Test
	void aFailedFirstReadIsRepeatedShortlyNotAfterTheInterval() {
		start();
		this.health.failNextRead();
		ready();
		assertThat(this.registrar.registered).isEmpty();
		this.scheduler.advance(Duration.ofMillis(200));
		assertThat(this.registrar.registered).hasSize(1);
	}

	private void start() {
		this.monitor.start();
		this.registry.register(this.registration);
	}

	private void ready() {
		this.monitor.onApplicationEvent(new AvailabilityChangeEvent<>(this, ReadinessState.ACCEPTING_TRAFFIC));
	}

	private static DnsSdRegistration registration() {
		RegistrationFactory factory = new RegistrationFactory(new RegistrationProperties(), "calc",
				InetAddress.getLoopbackAddress(), null, Map.of());
		DnsSdRegistration registration = new DnsSdRegistration(factory);
		registration.bind(8080);
		return registration;
	}

	/**
	 * Health that is UP, counts how many threads read it at once, and can be held or fail
	 * once.
	 */
	private static final class CountedHealth implements Supplier<Status> {

		final AtomicInteger reads = new AtomicInteger();

		final AtomicInteger mostAtOnce = new AtomicInteger();

		final CountDownLatch entered = new CountDownLatch(1);

		private final AtomicInteger inside = new AtomicInteger();

		private volatile CountDownLatch hold = new CountDownLatch(0);

		private volatile boolean fail;

		CountDownLatch blockNextRead() {
			this.hold = new CountDownLatch(1);
			return this.hold;
		}

		void failNextRead() {
			this.fail = true;
		}

		@Override
		public Status get() {
			this.reads.incrementAndGet();
			this.mostAtOnce.accumulateAndGet(this.inside.incrementAndGet(), Math::max);
			try {
				CountDownLatch latch = this.hold;
				this.hold = new CountDownLatch(0);
				this.entered.countDown();
				latch.await(5, TimeUnit.SECONDS);
				if (this.fail) {
					this.fail = false;
					throw new IllegalStateException("Could not bind properties");
				}
				return Status.UP;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return Status.UNKNOWN;
			}
			finally {
				this.inside.decrementAndGet();
			}
		}

	}

	/**
	 * A registry that records what it is told.
	 */
	private static final class RecordingRegistrar implements Registrar {

		final List<ServiceRegistration> registered = new CopyOnWriteArrayList<>();

		@Override
		public void register(ServiceRegistration registration) {
			this.registered.add(registration);
		}

		@Override
		public void deregister(ServiceRegistration registration) {
		}

		@Override
		public String description() {
			return "a recording registry";
		}

	}

}
