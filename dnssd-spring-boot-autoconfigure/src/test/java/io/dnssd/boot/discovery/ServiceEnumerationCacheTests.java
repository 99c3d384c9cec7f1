package io.dnssd.boot.discovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.dnssd.boot.model.InstanceSource;
import io.dnssd.boot.model.LookupFailedException;
import io.dnssd.boot.model.Resolution;
import io.dnssd.boot.model.ServiceEnumeration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The service enumeration is cached with the instance cache's TTL and stale rules, on a
 * clock the test moves.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServiceEnumerationCacheTests {

	private static final CacheSettings SETTINGS = new CacheSettings(Duration.ofSeconds(1), Duration.ofMinutes(5),
			Duration.ofSeconds(60), Duration.ofMinutes(10));

	private final MovableClock clock = new MovableClock();

	private final EnumeratingSource source = new EnumeratingSource();

	private final ServiceEnumerationCache cache = new ServiceEnumerationCache(this.source, SETTINGS, this.clock);

	@Test
	void anAnswerIsServedFromMemoryForItsTtl() {
		this.source.answer(() -> new ServiceEnumeration(Set.of("calc"), Duration.ofSeconds(10)));
		for (int i = 0; i < 10; i++) {
			assertThat(this.cache.serviceIds()).containsExactly("calc");
			this.clock.advance(Duration.ofMillis(900));
		}
		assertThat(this.source.calls).hasValue(1);
		this.clock.advance(Duration.ofMillis(1000));
		assertThat(this.cache.serviceIds()).containsExactly("calc");
		assertThat(this.source.calls).hasValue(2);
	}

	@Test
	void aZeroTtlIsRaisedToTheFloor() {
		this.source.answer(() -> new ServiceEnumeration(Set.of("calc"), Duration.ZERO));
		this.cache.serviceIds();
		this.cache.serviceIds();
		assertThat(this.source.calls).hasValue(1);
		this.clock.advance(Duration.ofSeconds(1));
		this.cache.serviceIds();
		assertThat(this.source.calls).hasValue(2);
	}

	@Test
	void anOutageServesTheLastAnswerWithOneWarnAndAsksAtMostOnceASecond(CapturedOutput output) {
		this.source.answer(() -> new ServiceEnumeration(Set.of("calc", "time"), Duration.ofSeconds(5)));
		this.cache.serviceIds();
		this.clock.advance(Duration.ofSeconds(5));
		this.source.answer(() -> {
			throw new LookupFailedException("server down");
		});
		for (int i = 0; i < 120; i++) {
			assertThat(this.cache.serviceIds()).containsExactlyInAnyOrder("calc", "time");
			this.clock.advance(Duration.ofMillis(250));
		}
		assertThat(this.source.calls.get()).isBetween(30, 32);
		assertThat(output.getOut().split("Listing the services failed", -1)).hasSize(2);

		this.source.answer(() -> new ServiceEnumeration(Set.of("calc"), Duration.ofSeconds(5)));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.cache.serviceIds()).containsExactly("calc");
		assertThat(output).contains("Listing the services succeeds again after");
	}

	@Test
	void afterStaleIfErrorListingFails(CapturedOutput output) {
		this.source.answer(() -> new ServiceEnumeration(Set.of("calc"), Duration.ofSeconds(5)));
		this.cache.serviceIds();
		this.source.answer(() -> {
			throw new LookupFailedException("server down");
		});
		this.clock.advance(Duration.ofSeconds(64));
		assertThat(this.cache.serviceIds()).containsExactly("calc");
		this.clock.advance(Duration.ofSeconds(2));
		assertThatExceptionOfType(LookupFailedException.class).isThrownBy(this.cache::serviceIds)
			.withMessage("server down");
		assertThat(output).contains("older than stale-if-error");
	}

	@Test
	void withoutAnEarlierAnswerAFailureIsThrown() {
		this.source.answer(() -> {
			throw new LookupFailedException("server down");
		});
		assertThatExceptionOfType(LookupFailedException.class).isThrownBy(this.cache::serviceIds);
		this.clock.advance(Duration.ofMillis(500));
		assertThatExceptionOfType(LookupFailedException.class).isThrownBy(this.cache::serviceIds);
		assertThat(this.source.calls).hasValue(1);
	}

	/**
	 * A source whose enumeration the test scripts.
	 */
	static final class EnumeratingSource implements InstanceSource {

		final AtomicInteger calls = new AtomicInteger();

		private volatile Supplier<ServiceEnumeration> answer = () -> new ServiceEnumeration(Set.of(), Duration.ZERO);

		void answer(Supplier<ServiceEnumeration> answer) {
			this.answer = answer;
		}

		@Override
		public Resolution resolve(String serviceId) {
			throw new UnsupportedOperationException();
		}

		@Override
		public ServiceEnumeration enumerate() {
			this.calls.incrementAndGet();
			return this.answer.get();
		}

		@Override
		public String description() {
			return "enumerating";
		}

	}

	/**
	 * A clock the test moves.
	 */
	static final class MovableClock extends Clock {

		private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
