package io.dnssd.boot.discovery;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.dnssd.boot.model.Instance;
import io.dnssd.boot.model.InstanceSource;
import io.dnssd.boot.model.LookupFailedException;
import io.dnssd.boot.model.Resolution;
import io.dnssd.boot.model.TxtAttributes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class InstanceCacheTests {

	private final ScriptedSource source = new ScriptedSource();

	private final List<LookupOutcome> outcomes = new CopyOnWriteArrayList<>();

	private final List<List<ServiceInstance>> changes = new CopyOnWriteArrayList<>();

	private InstanceCache cache;

	@AfterEach
	void close() {
		if (this.cache != null) {
			this.cache.close();
		}
	}

	@Test
	void firstCallWaitsForTheLookupAndLaterCallsAreServedFromTheCache() {
		this.source.answer(() -> resolution(Duration.ofSeconds(30), instance("a", "stage", "prod")));
		InstanceCache cache = cache(settings(Duration.ofSeconds(1), Duration.ofMinutes(1)), InstanceFilter.of(Map.of(), Map.of()));
		assertThat(cache.wouldWait("calc")).isTrue();
		assertThat(cache.getInstances("calc")).extracting(ServiceInstance::getInstanceId).containsExactly("a");
		assertThat(cache.wouldWait("calc")).isFalse();
		assertThat(cache.getInstances("calc")).hasSize(1);
		assertThat(this.source.calls).hasValue(1);
		assertThat(this.outcomes).containsExactly(LookupOutcome.MISS, LookupOutcome.HIT);
	}

	@Test
	void shortTtlIsRaisedToTheFloorAndRefreshedInTheBackgroundBeforeItRunsOut() {
		this.source.answer(() -> resolution(Duration.ZERO, instance("a", "stage", "prod")));
		InstanceCache cache = cache(settings(Duration.ofMillis(200), Duration.ofMinutes(1)), InstanceFilter.of(Map.of(), Map.of()));
		cache.getInstances("calc");
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			cache.getInstances("calc");
			assertThat(this.source.calls.get()).isGreaterThanOrEqualTo(4);
		});
		assertThat(this.outcomes.subList(1, this.outcomes.size())).containsOnly(LookupOutcome.HIT);
	}

	@Test
	void servesTheLastGoodAnswerWhileLookupsFailThenNothingAfterStaleIfError() {
		this.source.answer(() -> resolution(Duration.ofMillis(100), instance("a", "stage", "prod")));
		InstanceCache cache = cache(new CacheSettings(Duration.ofMillis(100), Duration.ofMillis(100),
				Duration.ofMillis(1500), Duration.ofMinutes(1)), InstanceFilter.of(Map.of(), Map.of()));
		cache.getInstances("calc");
		this.source.answer(() -> {
			throw new LookupFailedException("server down");
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			List<ServiceInstance> instances = cache.getInstances("calc");
			return instances.size() == 1 && this.outcomes.contains(LookupOutcome.STALE);
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> this.changes.get(this.changes.size() - 1).isEmpty());
		assertThat(cache.getInstances("calc")).isEmpty();
		assertThat(this.outcomes).last().isEqualTo(LookupOutcome.ERROR);
	}

	@Test
	void anUnexpectedExceptionFromTheSourceCountsAsAFailedLookup() {
		this.source.answer(() -> {
			throw new ClassCastException("hostile answer");
		});
		InstanceCache cache = cache(settings(Duration.ofSeconds(1), Duration.ofMinutes(1)), InstanceFilter.of(Map.of(), Map.of()));
		assertThat(cache.getInstances("calc")).isEmpty();
		assertThat(this.outcomes).containsExactly(LookupOutcome.ERROR);
	}

	@Test
	void aSuccessfulEmptyAnswerEmptiesTheListAtOnce() {
		this.source.answer(() -> resolution(Duration.ofMillis(100), instance("a", "stage", "prod")));
		InstanceCache cache = cache(settings(Duration.ofMillis(100), Duration.ofMinutes(1)), InstanceFilter.of(Map.of(), Map.of()));
		cache.getInstances("calc");
		this.source.answer(() -> resolution(Duration.ofMillis(100)));
		await().atMost(Duration.ofSeconds(5)).until(() -> cache.getInstances("calc").isEmpty());
		assertThat(this.outcomes).doesNotContain(LookupOutcome.ERROR, LookupOutcome.STALE);
		assertThat(this.changes).hasSize(2);
	}

	@Test
	void anIdleServiceIsNoLongerRefreshed() throws InterruptedException {
		this.source.answer(() -> resolution(Duration.ofMillis(100), instance("a", "stage", "prod")));
		InstanceCache cache = cache(new CacheSettings(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ZERO,
				Duration.ofMillis(300)), InstanceFilter.of(Map.of(), Map.of()));
		cache.getInstances("calc");
		await().atMost(Duration.ofSeconds(5)).until(() -> !cache.wouldWait("calc") && this.source.calls.get() > 1);
		await().atMost(Duration.ofSeconds(5)).until(() -> cache.wouldWait("calc"));
		int calls = this.source.calls.get();
		Thread.sleep(500);
		assertThat(this.source.calls).hasValue(calls);
		cache.getInstances("calc");
		assertThat(this.outcomes).last().isEqualTo(LookupOutcome.MISS);
	}

	@Test
	void onlyInstancesMatchingTheFilterAreServed() {
		this.source.answer(() -> resolution(Duration.ofSeconds(30), instance("a", "stage", "prod"),
				instance("b", "stage", "dev"), instance("c", "canary", null)));
		InstanceCache cache = cache(settings(Duration.ofSeconds(1), Duration.ofMinutes(1)),
				InstanceFilter.of(Map.of("Stage", "prod"), Map.of()));
		assertThat(cache.getInstances("calc")).extracting(ServiceInstance::getInstanceId).containsExactly("a");
	}

	private InstanceCache cache(CacheSettings settings, InstanceFilter filter) {
		InstanceCacheListener listener = new InstanceCacheListener() {

			@Override
			public void lookedUp(String serviceId, LookupOutcome outcome, long nanos) {
				InstanceCacheTests.this.outcomes.add(outcome);
			}

			@Override
			public void changed(String serviceId, List<ServiceInstance> instances) {
				InstanceCacheTests.this.changes.add(instances);
			}

		};
		this.cache = new InstanceCache(this.source, settings, (serviceId) -> filter, List.of(listener),
				Clock.systemUTC(), Executors.newSingleThreadScheduledExecutor());
		return this.cache;
	}

	private static CacheSettings settings(Duration minTtl, Duration maxTtl) {
		return new CacheSettings(minTtl, maxTtl, Duration.ofMinutes(5), Duration.ofMinutes(10));
	}

	private static Resolution resolution(Duration ttl, Instance... instances) {
		return new Resolution(List.of(instances), ttl);
	}

	private static Instance instance(String id, String key, String value) {
		Map<String, String> attributes = new HashMap<>();
		attributes.put(key, value);
		return new Instance(id, "127.0.0.1", 8080, false, 0, 1, TxtAttributes.of(attributes));
	}

	/**
	 * Source whose answers the test sets, counting the calls.
	 */
	static final class ScriptedSource implements InstanceSource {

		final AtomicInteger calls = new AtomicInteger();

		private volatile Supplier<Resolution> answer;

		void answer(Supplier<Resolution> answer) {
			this.answer = answer;
		}

		@Override
		public Resolution resolve(String serviceId) {
			this.calls.incrementAndGet();
			return this.answer.get();
		}

		@Override
		public Set<String> serviceIds() {
			return Set.of();
		}

		@Override
		public String description() {
			return "scripted";
		}

	}

}
