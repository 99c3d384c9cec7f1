package io.dnssd.boot.loadbalancer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The choices in turn and by load within the lowest priority group.
 */
class WeightedGroupTests {

	private final List<ServiceInstance> threeToOne = List.of(instance("a", "10", "3"), instance("b", "10", "1"),
			instance("backup", "20", "1"));

	@Test
	void inTurnEachInstanceIsChosenAsOftenAsItsWeightPerRound() {
		WeightedGroup group = WeightedGroup.of(this.threeToOne);
		List<String> round = LongStream.range(0, 4)
			.mapToObj((turn) -> group.chooseInTurn(turn).orElseThrow().getInstanceId())
			.toList();
		assertThat(round).containsExactlyInAnyOrder("a", "a", "a", "b");
		assertThat(counts(group, 4000)).containsEntry("a", 3000L).containsEntry("b", 1000L);
	}

	@Test
	void inTurnTheTurnsOfAHeavyInstanceAreSpreadAmongTheOthers() {
		WeightedGroup group = WeightedGroup.of(List.of(instance("heavy", "0", "5"), instance("light-1", "0", "1"),
				instance("light-2", "0", "1"), instance("light-3", "0", "1")));
		List<String> round = LongStream.range(0, 8)
			.mapToObj((turn) -> group.chooseInTurn(turn).orElseThrow().getInstanceId())
			.toList();
		assertThat(round).containsOnlyOnce("light-1", "light-2", "light-3");
		assertThat(String.join(",", round)).doesNotContain("heavy,heavy,heavy,heavy");
	}

	@Test
	void inTurnWithEqualWeightsIsPlainRoundRobin() {
		WeightedGroup group = WeightedGroup
			.of(List.of(instance("a", "0", "1"), instance("b", "0", "1"), instance("c", "0", "1")));
		assertThat(LongStream.range(0, 6).mapToObj((turn) -> group.chooseInTurn(turn).orElseThrow().getInstanceId()))
			.containsExactly("a", "c", "b", "a", "c", "b");
	}

	@Test
	void byLoadTheLessLoadedOfTwoIsChosen() {
		WeightedGroup group = WeightedGroup.of(List.of(instance("busy", "0", "1"), instance("idle", "0", "1")));
		Map<String, Integer> inFlight = Map.of("busy", 10, "idle", 0);
		SplittableRandom random = new SplittableRandom(1);
		assertThat(LongStream.range(0, 1000)
			.mapToObj((i) -> group.chooseLessLoaded(random, (instance) -> inFlight.get(instance.getInstanceId()))
				.orElseThrow()
				.getInstanceId()))
			.containsOnly("idle");
	}

	@Test
	void byLoadTheLoadIsWeighedByWeight() {
		WeightedGroup group = WeightedGroup.of(List.of(instance("big", "0", "4"), instance("small", "0", "1")));
		Map<String, Integer> inFlight = Map.of("big", 2, "small", 0);
		SplittableRandom random = new SplittableRandom(1);
		long big = LongStream.range(0, 1000)
			.mapToObj((i) -> group.chooseLessLoaded(random, (instance) -> inFlight.get(instance.getInstanceId()))
				.orElseThrow()
				.getInstanceId())
			.filter("big"::equals)
			.count();
		assertThat(big).isGreaterThan(950);
	}

	@Test
	void byLoadCallsSpreadEvenlyWhenTheyAreKeptInFlight() {
		WeightedGroup group = WeightedGroup.of(List.of(instance("a", "0", "1"), instance("b", "0", "1"),
				instance("c", "0", "1"), instance("d", "0", "1")));
		Map<String, Integer> inFlight = new HashMap<>();
		SplittableRandom random = new SplittableRandom(3);
		for (int i = 0; i < 400; i++) {
			String chosen = group
				.chooseLessLoaded(random, (instance) -> inFlight.getOrDefault(instance.getInstanceId(), 0))
				.orElseThrow()
				.getInstanceId();
			inFlight.merge(chosen, 1, Integer::sum);
		}
		assertThat(inFlight.values()).allSatisfy((count) -> assertThat(count).isBetween(90, 110));
	}

	@Test
	void byLoadAnInstanceOfWeightZeroIsNotChosenWhileOthersWeighMore() {
		WeightedGroup group = WeightedGroup.of(List.of(instance("zero", "0", "0"), instance("one", "0", "1")));
		SplittableRandom random = new SplittableRandom(2);
		assertThat(LongStream.range(0, 1000)
			.mapToObj((i) -> group.chooseLessLoaded(random, (instance) -> 0).orElseThrow().getInstanceId()))
			.containsOnly("one");
	}

	@Test
	void everyChoiceKeepsToTheLowestPriority() {
		WeightedGroup group = WeightedGroup.of(this.threeToOne);
		SplittableRandom random = new SplittableRandom(5);
		assertThat(LongStream.range(0, 1000)
			.mapToObj((turn) -> List.of(group.chooseInTurn(turn).orElseThrow(), group.choose(random).orElseThrow(),
					group.chooseLessLoaded(random, (instance) -> 0).orElseThrow())))
			.flatMap(Function.identity())
			.extracting(ServiceInstance::getInstanceId)
			.doesNotContain("backup");
	}

	@Test
	void nothingToChooseFromGivesNothingInEveryWay() {
		WeightedGroup group = WeightedGroup.of(List.of());
		assertThat(group.chooseInTurn(0)).isEmpty();
		assertThat(group.chooseLessLoaded(new SplittableRandom(), (instance) -> 0)).isEmpty();
	}

	private static Map<String, Long> counts(WeightedGroup group, int turns) {
		return LongStream.range(0, turns)
			.mapToObj((turn) -> group.chooseInTurn(turn).orElseThrow().getInstanceId())
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

	private static ServiceInstance instance(String id, String priority, String weight) {
		return new DefaultServiceInstance(id, "svc", "127.0.0.1", 80, false,
				Map.of("priority", priority, "weight", weight));
	}

}
