package io.dnssd.boot.registration;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.dnssd.boot.model.Registrar;
import io.dnssd.boot.model.ServiceRegistration;
import io.dnssd.boot.testsupport.ManualTaskScheduler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Spring Cloud face of the registration: statuses, the status map, and that nothing
 * but deregistration waits for a registry call in flight.
 */
class DnsSdServiceRegistryTests {

	private final SlowRegistrar registrar = new SlowRegistrar();

	private final DnsSdServiceRegistry registry = new DnsSdServiceRegistry(this.registrar, false, List.of(),
			new ManualTaskScheduler(), null);

	private final DnsSdRegistration registration = registration();

	@Test
	void stateStatusAndStatusChangesDoNotWaitForASlowRegistryCall() throws Exception {
		CompletableFuture<Void> registering = CompletableFuture
			.runAsync(() -> this.registry.register(this.registration));
		assertThat(this.registrar.entered.await(5, TimeUnit.SECONDS)).isTrue();
		CompletableFuture.runAsync(() -> {
			assertThat(this.registry.state()).isEqualTo(RegistrationState.NOT_REGISTERED);
			Map<String, Object> status = this.registry.getStatus(this.registration);
			assertThat(status).containsEntry("status", "UP");
			this.registry.setStatus(this.registration, "OUT_OF_SERVICE");
		}).get(2, TimeUnit.SECONDS);
		this.registrar.release.countDown();
		registering.get(5, TimeUnit.SECONDS);
		assertThat(this.registry.state()).isEqualTo(RegistrationState.WITHDRAWN);
		assertThat(this.registry.<Map<String, Object>>getStatus(this.registration)).containsEntry("status",
				"OUT_OF_SERVICE");
	}

	@Test
	void anUnknownStatusIsABadRequestNamingTheKnownOnes() {
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.registry.setStatus(this.registration, "SLEEPY"))
			.withMessageContaining("UP, DOWN or OUT_OF_SERVICE");
	}

	@Test
	void theStatusIsReportedAsItWasSet() {
		this.registrar.release.countDown();
		this.registry.register(this.registration);
		this.registry.setStatus(this.registration, "down");
		assertThat(this.registry.<Map<String, Object>>getStatus(this.registration)).containsEntry("status", "DOWN");
		this.registry.setStatus(this.registration, "OUT_OF_SERVICE");
		assertThat(this.registry.<Map<String, Object>>getStatus(this.registration)).containsEntry("status",
				"OUT_OF_SERVICE");
	}

	private static DnsSdRegistration registration() {
		RegistrationProperties properties = new RegistrationProperties();
		RegistrationFactory factory = new RegistrationFactory(properties, "calc", InetAddress.getLoopbackAddress(),
				null, Map.of());
		DnsSdRegistration registration = new DnsSdRegistration(factory);
		registration.bind(8080);
		return registration;
	}

	/**
	 * A registry whose first registration takes as long as the test says.
	 */
	private static final class SlowRegistrar implements Registrar {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@Override
		public void register(ServiceRegistration registration) {
			this.entered.countDown();
			try {
				this.release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public void deregister(ServiceRegistration registration) {
		}

		@Override
		public String description() {
			return "a slow registry";
		}

	}

}
