package io.dnssd.boot.actuate;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The health registration follows, through Actuator's real health endpoint: the
 * application's own contributors decide, the registry's are never asked.
 */
class OwnHealthTests {

	private final AtomicInteger discoveryCalls = new AtomicInteger();

	private final AtomicReference<Health> application = new AtomicReference<>(Health.up().build());

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class,
				HealthEndpointAutoConfiguration.class))
		.withBean("discoveryComposite", HealthIndicator.class, () -> () -> {
			this.discoveryCalls.incrementAndGet();
			return Health.down().build();
		})
		.withBean("application", HealthIndicator.class, () -> this.application::get);

	@Test
	void theApplicationsContributorsDecideAndTheRegistrysAreNotAsked() {
		this.runner.run((context) -> {
			HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
			HealthContributorRegistry contributors = context.getBean(HealthContributorRegistry.class);
			assertThat(OwnHealth.of(endpoint, contributors, null, StatusAggregator.getDefault())).isEqualTo(Status.UP);
			this.application.set(Health.outOfService().build());
			assertThat(OwnHealth.of(endpoint, contributors, null, StatusAggregator.getDefault()))
				.isEqualTo(Status.OUT_OF_SERVICE);
			assertThat(this.discoveryCalls).as("the registry's contributor is not asked").hasValue(0);
			assertThat(endpoint.health().getStatus()).as("Actuator's own aggregate still includes it")
				.isEqualTo(Status.DOWN);
		});
	}

	@Test
	void anApplicationWithOnlyTheRegistrysContributorsIsUp() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class,
					HealthEndpointAutoConfiguration.class))
			.withBean("discoveryComposite", HealthIndicator.class, () -> () -> {
				this.discoveryCalls.incrementAndGet();
				return Health.down().build();
			})
			.run((context) -> {
				assertThat(OwnHealth.of(context.getBean(HealthEndpoint.class),
						context.getBean(HealthContributorRegistry.class), null, StatusAggregator.getDefault()))
					.isEqualTo(Status.UP);
				assertThat(this.discoveryCalls).hasValue(0);
			});
	}

}
