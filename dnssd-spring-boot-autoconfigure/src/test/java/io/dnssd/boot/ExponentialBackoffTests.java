package io.dnssd.boot;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExponentialBackoffTests {

	@Test
	void doublesFromTheFirstDelayUpToTheCeiling() {
		ExponentialBackoff backoff = new ExponentialBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0);
		assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(1));
		assertThat(backoff.delay(2)).isEqualTo(Duration.ofSeconds(2));
		assertThat(backoff.delay(5)).isEqualTo(Duration.ofSeconds(16));
		assertThat(backoff.delay(6)).isEqualTo(Duration.ofSeconds(30));
		assertThat(backoff.delay(1000)).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void jitterAddsAtMostItsFraction() {
		ExponentialBackoff backoff = new ExponentialBackoff(Duration.ofSeconds(4), Duration.ofMinutes(1), 0.25);
		for (int i = 0; i < 1000; i++) {
			assertThat(backoff.delay(1)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(5));
		}
	}

}
