package io.dnssd.boot.mdns;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many conflicts a won name is defended against, on times the test gives.
 */
class NameDefenceTests {

	private final NameDefence defence = new NameDefence();

	@Test
	void theFirstConflictsWithinTheWindowAreDefendedAndTheNextGivesTheNameUp() {
		for (int i = 0; i < NameDefence.DEFENCES; i++) {
			assertThat(this.defence.defend(millis(i * 100L))).isTrue();
		}
		assertThat(this.defence.defend(millis(NameDefence.DEFENCES * 100L))).isFalse();
	}

	@Test
	void conflictsOlderThanTheWindowNoLongerCount() {
		long window = NameDefence.WINDOW.toMillis();
		for (int i = 0; i < NameDefence.DEFENCES; i++) {
			assertThat(this.defence.defend(millis(i * window))).isTrue();
		}
		assertThat(this.defence.defend(millis(NameDefence.DEFENCES * window))).isTrue();
	}

	private static long millis(long millis) {
		return Duration.ofMillis(millis).toNanos();
	}

}
