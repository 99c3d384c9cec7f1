package io.dnssd.boot.loadbalancer;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

class Rfc2782SelectorTests {

	private static final int DRAWS = 100_000;

	@Test
	void choosesOnlyFromTheLowestPriorityPresent() {
		List<ServiceInstance> instances = List.of(instance("backup", "20", "100"), instance("main", "10", "1"));
		assertThat(draw(instances)).containsOnlyKeys("main");
	}

	@Test
	void splitsByWeightWithinAPriority() {
		Map<String, Long> counts = draw(List.of(instance("a", "0", "3"), instance("b", "0", "1")));
		assertThat(counts.get("a") / (double) DRAWS).isBetween(0.74, 0.76);
	}

	@Test
	void weightZeroIsChosenOnlyWhenAllWeightsAreZero() {
		assertThat(draw(List.of(instance("zero", "0", "0"), instance("one", "0", "1")))).containsOnlyKeys("one");
		Map<String, Long> allZero = draw(List.of(instance("a", "0", "0"), instance("b", "0", "0")));
		assertThat(allZero.get("a") / (double) DRAWS).isBetween(0.49, 0.51);
	}

	@Test
	void missingOrMalformedMetadataCountsAsPriorityZeroWeightOne() {
		ServiceInstance plain = new DefaultServiceInstance("plain", "svc", "127.0.0.1", 80, false);
		Map<String, Long> counts = draw(List.of(plain, instance("bad", "x", "y"), instance("low", "1", "9")));
		assertThat(counts).containsOnlyKeys("plain", "bad");
	}

	@Test
	void eachPointOfTheWeightRangeFallsToTheInstanceWhoseShareHoldsIt() {
		List<ServiceInstance> instances = List.of(instance("a", "0", "2"), instance("zero", "0", "0"),
				instance("c", "0", "3"), instance("zero-too", "0", "0"), instance("e", "0", "1"));
		List<String> chosen = IntStream.range(0, 6)
			.mapToObj((point) -> Rfc2782Selector.select(instances, new FixedPoint(point)).orElseThrow().getInstanceId())
			.toList();
		assertThat(chosen).containsExactly("a", "a", "c", "c", "c", "e");
	}

	@Test
	void nothingToChooseFromGivesNothing() {
		assertThat(Rfc2782Selector.select(List.of(), new SplittableRandom())).isEmpty();
	}

	private static Map<String, Long> draw(List<ServiceInstance> instances) {
		SplittableRandom random = new SplittableRandom(42);
		return IntStream.range(0, DRAWS)
			.mapToObj((i) -> Rfc2782Selector.select(instances, random).orElseThrow().getInstanceId())
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

	private static ServiceInstance instance(String id, String priority, String weight) {
		return new DefaultServiceInstance(id, "svc", "127.0.0.1", 80, false,
				Map.of("priority", priority, "weight", weight));
	}

	/**
	 * Randomness that always draws the same point.
	 */
	private record FixedPoint(long point) implements RandomGenerator {

		@Override
		public long nextLong() {
			throw new UnsupportedOperationException();
		}

		@Override
		public long nextLong(long bound) {
			return this.point;
		}

	}

}
