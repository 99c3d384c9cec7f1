package io.dnssd.boot.loadbalancer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slow-start ramp on a fake clock.
 */
class SlowStartTests {

	private final AtomicLong clock = new AtomicLong(5_000_000_000L);

	private final SlowStart slowStart = new SlowStart(Duration.ofSeconds(60), 10, this.clock::get);

	private final List<ServiceInstance> warm = List.of(instance(0), instance(1));

	private final ServiceInstance cold = instance(2);

	@Test
	void theInstancesOfTheFirstListAreWarm() {
		SlowStart.Ramp ramp = this.slowStart.observe(this.warm);
		assertThat(ramp.ramping()).isFalse();
		assertThat(ramp.percentOf(this.warm.get(0))).isEqualTo(100);
	}

	@Test
	void aNewInstanceRampsUpLinearlyFromTheFloorToItsFullWeight() {
		this.slowStart.observe(this.warm);
		List<ServiceInstance> three = withCold();
		List<Integer> percents = new ArrayList<>();
		for (int second = 0; second <= 60; second += 15) {
			percents.add(this.slowStart.observe(three).percentOf(this.cold));
			advance(Duration.ofSeconds(15));
		}
		assertThat(percents).containsExactly(10, 25, 50, 75, 100);
		assertThat(this.slowStart.observe(three).ramping()).isFalse();
	}

	@Test
	void whileAnInstanceRampsTheListIsPreparedAgainInSteps() {
		this.slowStart.observe(this.warm);
		SlowStart.Ramp ramp = this.slowStart.observe(withCold());
		assertThat(ramp.ramping()).isTrue();
		assertThat(ramp.nextStep() - this.clock.get()).isEqualTo(Duration.ofSeconds(3).toNanos());
	}

	@Test
	void theChoiceGivesARampingInstanceOnlyItsShare() {
		this.slowStart.observe(this.warm);
		WeightedGroup group = WeightedGroup.of(withCold(), this.slowStart.observe(withCold()));
		SplittableRandom random = new SplittableRandom(11);
		long cold = IntStream.range(0, 21_000)
			.mapToObj((i) -> group.choose(random).orElseThrow())
			.filter((instance) -> instance.getPort() == this.cold.getPort())
			.count();
		// weights 100, 100 and 10: the cold one gets 10 / 210 of the calls
		assertThat(cold).isBetween(800L, 1200L);
	}

	@Test
	void anInstanceThatLeftAndCameBackSoonIsNotNewAgain() {
		this.slowStart.observe(this.warm);
		this.slowStart.observe(this.warm.subList(0, 1));
		advance(Duration.ofMinutes(1));
		assertThat(this.slowStart.observe(this.warm).ramping()).isFalse();
	}

	private List<ServiceInstance> withCold() {
		List<ServiceInstance> three = new ArrayList<>(this.warm);
		three.add(this.cold);
		return three;
	}

	private void advance(Duration duration) {
		this.clock.addAndGet(duration.toNanos());
	}

	private static ServiceInstance instance(int index) {
		return new DefaultServiceInstance("calc-" + index, "calc", "127.0.0.1", 8000 + index, false,
				Map.of("priority", "0", "weight", "1"));
	}

}
