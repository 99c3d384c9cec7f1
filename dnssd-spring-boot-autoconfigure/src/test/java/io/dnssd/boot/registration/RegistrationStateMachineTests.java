package io.dnssd.boot.registration;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.dnssd.boot.ExponentialBackoff;
import io.dnssd.boot.model.AttributeLimits;
import io.dnssd.boot.model.Attributes;
import io.dnssd.boot.model.InstanceName;
import io.dnssd.boot.model.Registrar;
import io.dnssd.boot.model.RegistrationFailedException;
import io.dnssd.boot.model.RegistryTraits;
import io.dnssd.boot.model.ServiceName;
import io.dnssd.boot.model.ServiceRegistration;
import io.dnssd.boot.testsupport.ManualTaskScheduler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every transition of the registration state machine, on a fake clock and a registrar
 * that records its calls.
 */
class RegistrationStateMachineTests {

	private final ScriptedRegistrar registrar = new ScriptedRegistrar();

	private final ManualTaskScheduler scheduler = new ManualTaskScheduler();

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final RegistrationStateMachine machine = new RegistrationStateMachine(this.registrar,
			List.of(new RecordingListener()), this.scheduler,
			new ExponentialBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 0), null);

	private final ServiceRegistration registration = registration();

	private RegistrationStateMachine refreshingMachine() {
		return new RegistrationStateMachine(this.registrar, List.of(new RecordingListener()), this.scheduler,
				new ExponentialBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 0), Duration.ofSeconds(60));
	}

	@Test
	void startRegisters() {
		this.machine.start(this.registration, false);
		assertThat(this.registrar.calls).containsExactly("register");
		assertThat(state()).isEqualTo(RegistrationState.REGISTERED);
		assertThat(this.events).containsExactly("state REGISTERED", "registered");
	}

	@Test
	void aRegistrarThatRegistersInTheBackgroundIsCalledOnTheSchedulerNotOnTheCaller() {
		this.registrar.registerInBackground();
		this.machine.start(this.registration, false);
		assertThat(this.registrar.calls).as("start returned before the registry call").isEmpty();
		this.scheduler.advance(Duration.ZERO);
		assertThat(this.registrar.calls).containsExactly("register");
		assertThat(state()).isEqualTo(RegistrationState.REGISTERED);
		assertThat(this.machine.stop()).isTrue();
		assertThat(this.registrar.calls).as("deregistration stays on the caller, before it goes on")
			.containsExactly("register", "deregister");
	}

	@Test
	void failFastKeepsTheFirstRegistrationOnTheCallerEvenInTheBackground() {
		this.registrar.registerInBackground();
		this.registrar.failNext(1);
		assertThatExceptionOfType(RegistrationFailedException.class)
			.isThrownBy(() -> this.machine.start(this.registration, true));
	}

	@Test
	void startWhileHealthIsNotUpWithdrawsWithoutACall() {
		this.machine.healthChanged(false, "DOWN");
		this.machine.start(this.registration, false);
		assertThat(this.registrar.calls).isEmpty();
		assertThat(state()).isEqualTo(RegistrationState.WITHDRAWN);
		this.machine.healthChanged(true, "UP");
		assertThat(this.registrar.calls).as("never written, so registered rather than restored")
			.containsExactly("register");
		assertThat(state()).isEqualTo(RegistrationState.REGISTERED);
	}

	@Test
	void anApplicationWhoseHealthDecidesIsNotPublishedBeforeItsFirstHealthCheck() {
		this.machine.awaitHealth();
		this.machine.start(this.registration, false);
		assertThat(this.registrar.calls).isEmpty();
		assertThat(this.machine.snapshot().status()).isEqualTo("UNKNOWN");
		this.machine.healthChanged(false, "DOWN");
		assertThat(this.registrar.calls).isEmpty();
		this.machine.healthChanged(true, "UP");
		assertThat(this.registrar.calls).containsExactly("register");
	}

	@Test
	void aFailedRegistrationIsRetriedWithBackoffUntilItSucceeds() {
		this.registrar.failNext(2);
		this.machine.start(this.registration, false);
		assertThat(state()).isEqualTo(RegistrationState.RETRYING);
		assertThat(this.machine.snapshot().lastError()).isEqualTo("refused 1");
		this.scheduler.advance(Duration.ofMillis(999));
		assertThat(this.registrar.calls).hasSize(1);
		this.scheduler.advance(Duration.ofMillis(1));
		assertThat(this.registrar.calls).hasSize(2);
		assertThat(this.machine.snapshot().failures()).isEqualTo(2);
		this.scheduler.advance(Duration.ofSeconds(2));
		assertThat(this.registrar.calls).containsExactly("register", "register", "register");
		assertThat(this.machine.snapshot()).satisfies((snapshot) -> {
			assertThat(snapshot.state()).isEqualTo(RegistrationState.REGISTERED);
			assertThat(snapshot.failures()).isZero();
			assertThat(snapshot.lastError()).isNull();
		});
		assertThat(this.events).containsExactly("failed", "state RETRYING", "failed", "state REGISTERED", "registered");
	}

	@Test
	void failFastThrowsTheFirstFailureAndDoesNotRetry() {
		this.registrar.failNext(1);
		assertThatExceptionOfType(RegistrationFailedException.class)
			.isThrownBy(() -> this.machine.start(this.registration, true));
		this.scheduler.advance(Duration.ofMinutes(5));
		assertThat(this.registrar.calls).containsExactly("register");
		assertThat(state()).isEqualTo(RegistrationState.NOT_REGISTERED);
		assertThat(this.scheduler.pending()).isZero();
	}

	@Test
	void healthDownWithdrawsAndUpRestores() {
		this.machine.start(this.registration, false);
		this.machine.healthChanged(false, "OUT_OF_SERVICE");
		assertThat(state()).isEqualTo(RegistrationState.WITHDRAWN);
		this.machine.healthChanged(false, "DOWN");
		this.machine.healthChanged(true, "UP");
		assertThat(this.registrar.calls).containsExactly("register", "withdraw", "restore");
		assertThat(state()).isEqualTo(RegistrationState.REGISTERED);
		assertThat(this.events).contains("withdrawn");
	}

	@Test
	void healthDownWhileRetryingWithdrawsAndCancelsTheRetry() {
		this.registrar.failNext(1);
		this.machine.start(this.registration, false);
		this.machine.healthChanged(false, "DOWN");
		this.scheduler.advance(Duration.ofMinutes(5));
		assertThat(this.registrar.calls).containsExactly("register", "withdraw");
		assertThat(state()).isEqualTo(RegistrationState.WITHDRAWN);
	}

	@Test
	void readinessIsAnnouncedWithTheRegistrationOrAfterIt() {
		this.machine.ready();
		this.machine.start(this.registration, false);
		assertThat(this.registrar.calls).containsExactly("register", "ready");
		RegistrationStateMachine later = new RegistrationStateMachine(this.registrar, List.of(), this.scheduler,
				new ExponentialBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 0), null);
		later.start(this.registration, false);
		later.ready();
		later.ready();
		assertThat(this.registrar.calls).containsExactly("register", "ready", "register", "ready");
	}

	@Test
	void aRegisteredInstanceIsCheckedEveryRefreshAndPublishedAgainOnlyWhenTheRegistryLostIt() {
		RegistrationStateMachine refreshing = refreshingMachine();
		refreshing.start(this.registration, false);
		refreshing.ready();
		this.scheduler.advance(Duration.ofSeconds(53));
		assertThat(this.registrar.calls).as("not before 90 %% of the interval").containsExactly("register", "ready");
		this.scheduler.advance(Duration.ofSeconds(7));
		assertThat(this.registrar.calls).as("still held: nothing written, no readiness announced again")
			.containsExactly("register", "ready", "refresh");
		this.registrar.loseRecords();
		this.scheduler.advance(Duration.ofSeconds(60));
		assertThat(this.registrar.calls).as("lost: written again and announced ready")
			.containsExactly("register", "ready", "refresh", "refresh", "ready");
		assertThat(this.events).containsExactly("state REGISTERED", "registered", "registered");
		this.scheduler.advance(Duration.ofSeconds(60));
		assertThat(this.registrar.calls).hasSize(6).last().isEqualTo("refresh");
	}

	@Test
	void aFailedRefreshIsRetriedAsARegistration() {
		RegistrationStateMachine refreshing = refreshingMachine();
		refreshing.start(this.registration, false);
		this.registrar.failNext(1);
		this.scheduler.advance(Duration.ofSeconds(53));
		while (!this.registrar.calls.contains("refresh")) {
			this.scheduler.advance(Duration.ofMillis(100));
		}
		assertThat(refreshing.snapshot().state()).isEqualTo(RegistrationState.RETRYING);
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.registrar.calls).containsExactly("register", "refresh", "register");
		assertThat(refreshing.snapshot().state()).isEqualTo(RegistrationState.REGISTERED);
	}

	@Test
	void noRefreshWhileWithdrawnOrAfterStop() {
		RegistrationStateMachine refreshing = refreshingMachine();
		refreshing.start(this.registration, false);
		refreshing.healthChanged(false, "DOWN");
		this.scheduler.advance(Duration.ofMinutes(5));
		assertThat(this.registrar.calls).containsExactly("register", "withdraw");
		refreshing.healthChanged(true, "UP");
		refreshing.stop();
		this.scheduler.advance(Duration.ofMinutes(5));
		assertThat(this.registrar.calls).containsExactly("register", "withdraw", "restore", "deregister");
	}

	@Test
	void aZeroRefreshNeverChecks() {
		RegistrationStateMachine never = new RegistrationStateMachine(this.registrar, List.of(), this.scheduler,
				new ExponentialBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 0), Duration.ZERO);
		never.start(this.registration, false);
		this.scheduler.advance(Duration.ofHours(1));
		assertThat(this.registrar.calls).containsExactly("register");
	}

	@Test
	void aFailedReadinessIsRetriedWithTheRegistration() {
		this.machine.start(this.registration, false);
		this.registrar.failReadyNext(1);
		this.machine.ready();
		assertThat(state()).isEqualTo(RegistrationState.RETRYING);
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.registrar.calls).containsExactly("register", "ready", "register", "ready");
		assertThat(state()).isEqualTo(RegistrationState.REGISTERED);
	}

	@Test
	void stopDeregistersFromEveryPublishedState() {
		this.machine.start(this.registration, false);
		this.machine.stop();
		assertThat(this.registrar.calls).containsExactly("register", "deregister");
		assertThat(state()).isEqualTo(RegistrationState.DEREGISTERED);
		this.machine.start(this.registration, false);
		this.machine.healthChanged(false, "DOWN");
		this.machine.stop();
		assertThat(this.registrar.calls).containsExactly("register", "deregister", "register", "withdraw",
				"deregister");
	}

	@Test
	void stopBeforeStartDoesNothingAndStopOfAnUnpublishedInstanceMakesNoCall() {
		this.machine.stop();
		assertThat(state()).isEqualTo(RegistrationState.NOT_REGISTERED);
		this.registrar.failNext(1);
		assertThatExceptionOfType(RegistrationFailedException.class)
			.isThrownBy(() -> this.machine.start(this.registration, true));
		this.machine.stop();
		assertThat(this.registrar.calls).containsExactly("register");
		assertThat(state()).isEqualTo(RegistrationState.DEREGISTERED);
	}

	@Test
	void anInstanceNoRegistrationOfWhichSucceededIsNotDeregistered() {
		this.registrar.failNext(3);
		this.machine.start(this.registration, false);
		this.scheduler.advance(Duration.ofSeconds(3));
		assertThat(state()).isEqualTo(RegistrationState.RETRYING);
		assertThat(this.machine.stop()).isFalse();
		assertThat(this.registrar.calls).containsExactly("register", "register", "register");
		assertThat(state()).isEqualTo(RegistrationState.DEREGISTERED);
		assertThat(this.scheduler.pending()).isZero();
	}

	@Test
	void stopSaysWhetherTheRegistryHeldTheInstance() {
		this.machine.start(this.registration, false);
		assertThat(this.machine.stop()).isTrue();
		assertThat(this.machine.stop()).isFalse();
	}

	@Test
	void aFailedDeregistrationStillEndsDeregisteredAndSaysWhy() {
		this.machine.start(this.registration, false);
		this.registrar.failNext(1);
		this.machine.stop();
		assertThat(state()).isEqualTo(RegistrationState.DEREGISTERED);
		assertThat(this.machine.snapshot().lastError()).isEqualTo("refused 1");
	}

	@Test
	void closeCancelsTheRetryAndStopsAllCalls() {
		this.registrar.failNext(1);
		this.machine.start(this.registration, false);
		this.machine.close();
		assertThat(this.scheduler.pending()).isZero();
		this.machine.healthChanged(false, "DOWN");
		this.machine.stop();
		assertThat(this.registrar.calls).containsExactly("register");
	}

	@Test
	void theStateIsReadAndHealthChangedWithoutWaitingForACallInFlight() throws Exception {
		CountDownLatch release = this.registrar.blockNextCall();
		CompletableFuture<Void> starting = CompletableFuture
			.runAsync(() -> this.machine.start(this.registration, false));
		this.registrar.awaitBlocked();
		CompletableFuture.runAsync(() -> {
			assertThat(this.machine.snapshot().state()).isEqualTo(RegistrationState.NOT_REGISTERED);
			this.machine.healthChanged(false, "DOWN");
		}).get(2, TimeUnit.SECONDS);
		release.countDown();
		starting.get(5, TimeUnit.SECONDS);
		assertThat(this.registrar.calls).containsExactly("register", "withdraw");
		assertThat(state()).isEqualTo(RegistrationState.WITHDRAWN);
	}

	@Test
	void stopWaitsForTheCallInFlightThenDeregisters() throws Exception {
		CountDownLatch release = this.registrar.blockNextCall();
		CompletableFuture<Void> starting = CompletableFuture
			.runAsync(() -> this.machine.start(this.registration, false));
		this.registrar.awaitBlocked();
		CompletableFuture<Void> stopping = CompletableFuture.runAsync(this.machine::stop);
		assertThatExceptionOfType(TimeoutException.class).isThrownBy(() -> stopping.get(300, TimeUnit.MILLISECONDS));
		release.countDown();
		stopping.get(5, TimeUnit.SECONDS);
		starting.get(5, TimeUnit.SECONDS);
		assertThat(this.registrar.calls).containsExactly("register", "deregister");
		assertThat(state()).isEqualTo(RegistrationState.DEREGISTERED);
	}

	private RegistrationState state() {
		return this.machine.snapshot().state();
	}

	private static ServiceRegistration registration() {
		return new ServiceRegistration(new ServiceName("calc"), new InstanceName("calc-1"),
				InetAddress.getLoopbackAddress(), 8080, 0, 1, Attributes.of(Map.of()));
	}

	private final class RecordingListener implements RegistrationListener {

		@Override
		public void stateChanged(RegistrationState state) {
			RegistrationStateMachineTests.this.events.add("state " + state);
		}

		@Override
		public void registered() {
			RegistrationStateMachineTests.this.events.add("registered");
		}

		@Override
		public void withdrawn() {
			RegistrationStateMachineTests.this.events.add("withdrawn");
		}

		@Override
		public void failed(RuntimeException failure) {
			RegistrationStateMachineTests.this.events.add("failed");
		}

	}

	/**
	 * Registrar that records its calls, fails or blocks them when told to.
	 */
	private static final class ScriptedRegistrar implements Registrar {

		final List<String> calls = new CopyOnWriteArrayList<>();

		private volatile int failures;

		private volatile int readyFailures;

		private volatile int failed;

		private volatile CountDownLatch block;

		private volatile boolean inBackground;

		private volatile boolean lost;

		private final CountDownLatch blocked = new CountDownLatch(1);

		void failNext(int count) {
			this.failures = count;
		}

		void registerInBackground() {
			this.inBackground = true;
		}

		@Override
		public RegistryTraits traits() {
			return new RegistryTraits(null, null, AttributeLimits.NONE, this.inBackground);
		}

		void failReadyNext(int count) {
			this.readyFailures = count;
		}

		CountDownLatch blockNextCall() {
			this.block = new CountDownLatch(1);
			return this.block;
		}

		void awaitBlocked() throws InterruptedException {
			assertThat(this.blocked.await(5, TimeUnit.SECONDS)).isTrue();
		}

		@Override
		public void register(ServiceRegistration registration) {
			call("register");
		}

		@Override
		public void deregister(ServiceRegistration registration) {
			call("deregister");
		}

		@Override
		public void withdraw(ServiceRegistration registration) {
			call("withdraw");
		}

		@Override
		public void restore(ServiceRegistration registration) {
			call("restore");
		}

		void loseRecords() {
			this.lost = true;
		}

		@Override
		public boolean refresh(ServiceRegistration registration) {
			call("refresh");
			boolean wasLost = this.lost;
			this.lost = false;
			return wasLost;
		}

		@Override
		public void ready(ServiceRegistration registration) {
			this.calls.add("ready");
			if (this.readyFailures > 0) {
				this.readyFailures--;
				throw new RegistrationFailedException("not ready");
			}
		}

		@Override
		public String description() {
			return "scripted registry";
		}

		private void call(String name) {
			this.calls.add(name);
			CountDownLatch current = this.block;
			if (current != null) {
				this.block = null;
				this.blocked.countDown();
				try {
					current.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			if (this.failures > 0) {
				this.failures--;
				throw new RegistrationFailedException("refused " + (++this.failed));
			}
		}

	}

}
