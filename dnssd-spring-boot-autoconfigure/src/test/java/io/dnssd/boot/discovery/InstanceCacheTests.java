package io.dnssd.boot.discovery;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.dnssd.boot.model.Attributes;
import io.dnssd.boot.model.Instance;
import io.dnssd.boot.model.InstanceSource;
import io.dnssd.boot.model.LookupFailedException;
import io.dnssd.boot.model.Resolution;
import io.dnssd.boot.model.ServiceEnumeration;
import io.dnssd.boot.model.UnresolvableServiceException;
import io.dnssd.boot.testsupport.ManualTaskScheduler;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache on a fake clock: background work runs only as the test moves the clock.
 */
class InstanceCacheTests {

	private static final InstanceFilter NO_FILTER = InstanceFilter.of(Map.of(), Map.of());

	private static final InstanceLimits LIMITS = new InstanceLimits(1000, 4096);

	private InstanceLimits limits = LIMITS;

	private final ScriptedSource source = new ScriptedSource();

	private final ManualTaskScheduler scheduler = new ManualTaskScheduler();

	private final List<LookupOutcome> outcomes = new CopyOnWriteArrayList<>();

	private final List<List<ServiceInstance>> changes = new CopyOnWriteArrayList<>();

	@Test
	void firstCallWaitsForTheLookupAndLaterCallsAreServedFromTheCache() {
		this.source.answer(() -> resolution(Duration.ofSeconds(30), instance("a", "stage", "prod")));
		InstanceCache cache = cache(settings(Duration.ofSeconds(1), Duration.ofMinutes(1)), NO_FILTER);
		assertThat(cache.wouldWait("calc")).isTrue();
		assertThat(cache.getInstances("calc")).extracting(ServiceInstance::getInstanceId).containsExactly("a");
		assertThat(cache.wouldWait("calc")).isFalse();
		assertThat(cache.getInstances("calc")).hasSize(1);
		assertThat(this.source.calls).hasValue(1);
		assertThat(this.outcomes).containsExactly(LookupOutcome.MISS, LookupOutcome.HIT);
	}

	@Test
	void theTtlIsClampedAndTheAnswerRefreshedAtThreeQuartersOfIt() {
		this.source.answer(() -> resolution(Duration.ZERO, instance("a", "stage", "prod")));
		InstanceCache cache = cache(settings(Duration.ofMillis(200), Duration.ofMinutes(1)), NO_FILTER);
		cache.getInstances("calc");
		this.scheduler.advance(Duration.ofMillis(149));
		assertThat(this.source.calls).hasValue(1);
		this.scheduler.advance(Duration.ofMillis(1));
		assertThat(this.source.calls).hasValue(2);
		for (int i = 0; i < 10; i++) {
			this.scheduler.advance(Duration.ofMillis(150));
			cache.getInstances("calc");
		}
		assertThat(this.source.calls).hasValue(12);
		assertThat(this.outcomes.subList(1, this.outcomes.size())).containsOnly(LookupOutcome.HIT);
	}

	@Test
	void anExpiredAnswerServedWhileItsRefreshIsPendingHasItsOwnOutcome() {
		this.source.answer(() -> resolution(Duration.ofSeconds(1), instance("a", "stage", "prod")));
		InstanceCache cache = cache(settings(Duration.ofSeconds(1), Duration.ofMinutes(1)), NO_FILTER);
		cache.getInstances("calc");
		this.scheduler.skip(Duration.ofMillis(1200));
		assertThat(cache.getInstances("calc")).hasSize(1);
		assertThat(this.outcomes).containsExactly(LookupOutcome.MISS, LookupOutcome.EXPIRED);
	}

	@Test
	void servesTheLastGoodAnswerWhileLookupsFailThenNothingAfterStaleIfError() {
		this.source.answer(() -> resolution(Duration.ofMillis(100), instance("a", "stage", "prod")));
		InstanceCache cache = cache(new CacheSettings(Duration.ofMillis(100), Duration.ofMillis(100),
				Duration.ofMillis(1500), Duration.ofMinutes(1)), NO_FILTER);
		cache.getInstances("calc");
		this.source.answer(() -> {
			throw new LookupFailedException("server down");
		});
		this.scheduler.advance(Duration.ofMillis(200));
		assertThat(cache.getInstances("calc")).hasSize(1);
		assertThat(this.outcomes).last().isEqualTo(LookupOutcome.STALE);
		this.scheduler.advance(Duration.ofMillis(1399));
		assertThat(cache.getInstances("calc")).hasSize(1);
		this.scheduler.advance(Duration.ofMillis(1));
		assertThat(this.changes).last().asList().isEmpty();
		assertThat(cache.getInstances("calc")).isEmpty();
		assertThat(this.outcomes).last().isEqualTo(LookupOutcome.ERROR);
	}

	@Test
	void failedLookupsAreRetriedWithAGrowingDelay() {
		this.source.answer(() -> {
			throw new LookupFailedException("server down");
		});
		InstanceCache cache = cache(settings(Duration.ofSeconds(1), Duration.ofMinutes(1)), NO_FILTER);
		cache.getInstances("calc");
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(this.source.calls).hasValue(2);
		this.scheduler.advance(Duration.ofSeconds(2));
		assertThat(this.source.calls).hasValue(3);
		this.scheduler.advance(Duration.ofMillis(3999));
		assertThat(this.source.calls).hasValue(3);
		this.scheduler.advance(Duration.ofMillis(1));
		assertThat(this.source.calls).hasValue(4);
	}

	@Test
	void aServiceTheSourceCanNeverResolveIsAnsweredEmptyAtOnceAndNotRetried() {
		this.source.answer(() -> {
			throw new UnresolvableServiceException("DNS-SD cannot look up 'my_service'",
					new IllegalArgumentException());
		});
		InstanceCache cache = cache(settings(Duration.ofSeconds(1), Duration.ofMinutes(1)), NO_FILTER);
		assertThat(cache.getInstances("my_service")).isEmpty();
		assertThat(cache.getInstances("my_service")).isEmpty();
		this.scheduler.advance(Duration.ofMinutes(15));
		assertThat(this.source.calls).hasValue(1);
		assertThat(this.scheduler.pending()).isZero();
		assertThat(cache.serviceIds()).isEmpty();
		assertThat(this.outcomes).containsExactly(LookupOutcome.ERROR, LookupOutcome.ERROR);
	}

	@Test
	void withNothingToServeACallerBringsTheNextLookupForwardAtMostOnceASecond() {
		this.source.answer(() -> {
			throw new LookupFailedException("server down");
		});
		InstanceCache cache = cache(settings(Duration.ofSeconds(1), Duration.ofMinutes(1)), NO_FILTER);
		cache.getInstances("calc");
		this.scheduler.advance(Duration.ofSeconds(1 + 2 + 4 + 8));
		assertThat(this.source.calls).hasValue(5);
		this.source.answer(() -> resolution(Duration.ofSeconds(30), instance("a", "stage", "prod")));
		this.scheduler.advance(Duration.ofSeconds(1));
		assertThat(cache.getInstances("calc")).isEmpty();
		assertThat(cache.getInstances("calc")).isEmpty();
		this.scheduler.advance(Duration.ZERO);
		assertThat(this.source.calls).hasValue(6);
		assertThat(cache.getInstances("calc")).hasSize(1);
	}

	@Test
	void aServiceKeepsAtMostTheConfiguredInstancesAndAttributeBytes() {
		this.limits = new InstanceLimits(3, 24);
		this.source.answer(() -> resolution(Duration.ofSeconds(30), instance("a", "note", "x".repeat(30)),
				instance("b", "stage", "prod"), instance("c", "stage", "prod"), instance("d", "stage", "prod")));
		InstanceCache cache = cache(settings(Duration.ofSeconds(1), Duration.ofMinutes(1)), NO_FILTER);
		List<ServiceInstance> instances = cache.getInstances("calc");
		assertThat(instances).extracting(ServiceInstance::getInstanceId).containsExactly("a", "b", "c");
		assertThat(instances.get(0).getMetadata()).doesNotContainKey("note");
		assertThat(instances.get(1).getMetadata()).containsEntry("stage", "prod");
	}

	@Test
	void theFilterSeesAttributesBeforeTheyAreCutToTheLimit() {
		this.limits = new InstanceLimits(1, 12);
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put("note", "x".repeat(20));
		attributes.put("stage", "prod");
		this.source.answer(() -> resolution(Duration.ofSeconds(30), instance("dev", "stage", "dev"),
				new Instance("a", "127.0.0.1", 8080, false, 0, 1, Attributes.of(attributes))));
		InstanceCache cache = cache(settings(Duration.ofSeconds(1), Duration.ofMinutes(1)),
				InstanceFilter.of(Map.of("stage", "prod"), Map.of()));
		assertThat(cache.getInstances("calc")).extracting(ServiceInstance::getInstanceId).containsExactly("a");
	}

	@Test
	void anUnexpectedExceptionFromTheSourceCountsAsAFailedLookup() {
		this.source.answer(() -> {
			throw new ClassCastException("hostile answer");
		});
		InstanceCache cache = cache(settings(Duration.ofSeconds(1), Duration.ofMinutes(1)), NO_FILTER);
		assertThat(cache.getInstances("calc")).isEmpty();
		assertThat(this.outcomes).containsExactly(LookupOutcome.ERROR);
	}

	@Test
	void aSuccessfulEmptyAnswerEmptiesTheListAtOnce() {
		this.source.answer(() -> resolution(Duration.ofMillis(100), instance("a", "stage", "prod")));
		InstanceCache cache = cache(settings(Duration.ofMillis(100), Duration.ofMinutes(1)), NO_FILTER);
		cache.getInstances("calc");
		this.source.answer(() -> resolution(Duration.ofMillis(100)));
		this.scheduler.advance(Duration.ofMillis(75));
		assertThat(cache.getInstances("calc")).isEmpty();
		assertThat(this.outcomes).doesNotContain(LookupOutcome.ERROR, LookupOutcome.STALE);
		assertThat(this.changes).hasSize(2);
	}

	@Test
	void anIdleServiceIsForgottenAndItsSourceToldSo() {
		this.source.answer(() -> resolution(Duration.ofMillis(100), instance("a", "stage", "prod")));
		InstanceCache cache = cache(new CacheSettings(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ZERO,
				Duration.ofMillis(300)), NO_FILTER);
		cache.getInstances("calc");
		this.scheduler.advance(Duration.ofMillis(300));
		assertThat(cache.serviceIds()).containsExactly("calc");
		assertThat(this.source.released).isEmpty();
		this.scheduler.advance(Duration.ofMillis(75));
		assertThat(cache.serviceIds()).isEmpty();
		assertThat(this.source.released).containsExactly("calc");
		assertThat(this.scheduler.pending()).isZero();
		int calls = this.source.calls.get();
		this.scheduler.advance(Duration.ofMinutes(5));
		assertThat(this.source.calls).hasValue(calls);
		assertThat(cache.wouldWait("calc")).isTrue();
		cache.getInstances("calc");
		assertThat(this.outcomes).last().isEqualTo(LookupOutcome.MISS);
	}

	@Test
	void closingCancelsTheScheduledRefreshes() {
		this.source.answer(() -> resolution(Duration.ofSeconds(10), instance("a", "stage", "prod")));
		InstanceCache cache = cache(settings(Duration.ofSeconds(1), Duration.ofMinutes(1)), NO_FILTER);
		cache.getInstances("calc");
		cache.getInstances("time");
		assertThat(this.scheduler.pending()).isEqualTo(2);
		cache.close();
		assertThat(this.scheduler.pending()).isZero();
	}

	@Test
	void onlyInstancesMatchingTheFilterAreServed() {
		this.source.answer(() -> resolution(Duration.ofSeconds(30), instance("a", "stage", "prod"),
				instance("b", "stage", "dev"), instance("c", "canary", null)));
		InstanceCache cache = cache(settings(Duration.ofSeconds(1), Duration.ofMinutes(1)),
				InstanceFilter.of(Map.of("Stage", "prod"), Map.of()));
		assertThat(cache.getInstances("calc")).extracting(ServiceInstance::getInstanceId).containsExactly("a");
	}

	@Test
	void listenersAreCalledWithoutTheServiceLockHeld() {
		this.source.answer(() -> resolution(Duration.ofMillis(100), instance("a", "stage", "prod")));
		List<Boolean> locked = new CopyOnWriteArrayList<>();
		InstanceCache[] holder = new InstanceCache[1];
		InstanceCacheListener probe = new InstanceCacheListener() {

			@Override
			public void changed(String serviceId, List<ServiceInstance> instances) {
				locked.add(Thread.holdsLock(cachedService(holder[0], serviceId)));
			}

		};
		holder[0] = new InstanceCache(this.source, settings(Duration.ofMillis(100), Duration.ofMinutes(1)),
				(serviceId) -> NO_FILTER, List.of(probe), this.scheduler, LIMITS);
		holder[0].getInstances("calc");
		this.source.answer(() -> resolution(Duration.ofMillis(100)));
		this.scheduler.advance(Duration.ofMillis(75));
		assertThat(locked).containsExactly(false, false);
	}

	/**
	 * The cache's state object of a service, whose monitor guards its refreshes.
	 */
	private static Object cachedService(InstanceCache cache, String serviceId) {
		try {
			Field services = InstanceCache.class.getDeclaredField("services");
			services.setAccessible(true);
			return ((Map<?, ?>) services.get(cache)).get(serviceId);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
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
		return new InstanceCache(this.source, settings, (serviceId) -> filter, List.of(listener), this.scheduler,
				this.limits);
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
		return new Instance(id, "127.0.0.1", 8080, false, 0, 1, Attributes.of(attributes));
	}

	/**
	 * Source whose answers the test sets, counting the calls.
	 */
	static final class ScriptedSource implements InstanceSource {

		final AtomicInteger calls = new AtomicInteger();

		final List<String> released = new CopyOnWriteArrayList<>();

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
		public ServiceEnumeration enumerate() {
			return new ServiceEnumeration(Set.of(), Duration.ZERO);
		}

		@Override
		public void release(String serviceId) {
			this.released.add(serviceId);
		}

		@Override
		public String description() {
			return "scripted";
		}

	}

}
