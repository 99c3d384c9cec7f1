package io.dnssd.boot.loadbalancer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.random.RandomGenerator;

import io.dnssd.boot.discovery.ServiceInstanceMapper;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The candidates of one instance list prepared for RFC 2782 choices: the instances of the
 * lowest priority present and the running sums of their weights, so that a choice is a
 * binary search, O(log n), and the list is read (and its priority and weight metadata
 * parsed) once, not on every choice. Choices at random, in turn and by load all work on
 * it. Instances of weight 0 are chosen only when every candidate has weight 0, and then
 * uniformly; instances without priority or weight metadata count as priority 0 and weight
 * 1.
 */
final class WeightedGroup {

	private static final int DEFAULT_WEIGHT = 1;

	private final List<ServiceInstance> source;

	private final ServiceInstance[] candidates;

	/** cumulative[i] is the sum of the weights of candidates 0 to i. */
	private final long[] cumulative;

	/**
	 * Step between the points of successive turns: coprime with the total weight, so that
	 * every point is visited once per round and an instance's points are spread.
	 */
	private final long stride;

	private WeightedGroup(List<ServiceInstance> source, ServiceInstance[] candidates, long[] cumulative) {
		this.source = source;
		this.candidates = candidates;
		this.cumulative = cumulative;
		this.stride = strideFor((cumulative.length > 0) ? cumulative[cumulative.length - 1] : 0);
	}

	/**
	 * Prepares a list.
	 * @param instances the instances, in any order
	 * @return the prepared candidates
	 */
	static WeightedGroup of(List<ServiceInstance> instances) {
		return of(instances, SlowStart.Ramp.NONE);
	}

	/**
	 * Prepares a list whose new instances are still ramping up: while any is, every
	 * weight counts in hundredths, and those of the ramping instances only by their
	 * share.
	 * @param instances the instances, in any order
	 * @param ramp how far each instance has ramped up
	 * @return the prepared candidates
	 */
	static WeightedGroup of(List<ServiceInstance> instances, SlowStart.Ramp ramp) {
		int lowest = Integer.MAX_VALUE;
		List<ServiceInstance> group = new ArrayList<>();
		for (ServiceInstance instance : instances) {
			int priority = priorityOf(instance);
			if (priority < lowest) {
				lowest = priority;
				group.clear();
			}
			if (priority == lowest) {
				group.add(instance);
			}
		}
		long[] cumulative = new long[group.size()];
		long total = 0;
		for (int i = 0; i < group.size(); i++) {
			long weight = weightOf(group.get(i));
			total += ramp.ramping() ? weight * ramp.percentOf(group.get(i)) : weight;
			cumulative[i] = total;
		}
		return new WeightedGroup(instances, group.toArray(new ServiceInstance[0]), cumulative);
	}

	/**
	 * Returns whether this was prepared from that very list, so it can be used again.
	 * @param instances a list
	 * @return {@code true} if it is the list this was prepared from
	 */
	boolean isFor(List<ServiceInstance> instances) {
		return this.source == instances;
	}

	/**
	 * Chooses one candidate at random, in proportion to its weight (RFC 2782).
	 * @param random the source of randomness
	 * @return the chosen instance, empty if there are no candidates
	 */
	Optional<ServiceInstance> choose(RandomGenerator random) {
		int count = this.candidates.length;
		if (count == 0) {
			return Optional.empty();
		}
		return Optional.of(this.candidates[draw(random)]);
	}

	/**
	 * Chooses the candidate of a turn: over as many turns as the weights add up to, each
	 * candidate is chosen as often as its weight, its turns spread among the others'.
	 * @param turn the number of the turn, counting up
	 * @return the chosen instance, empty if there are no candidates
	 */
	Optional<ServiceInstance> chooseInTurn(long turn) {
		int count = this.candidates.length;
		if (count == 0) {
			return Optional.empty();
		}
		long total = this.cumulative[count - 1];
		if (total == 0) {
			return Optional.of(this.candidates[(int) Math.floorMod(turn, (long) count)]);
		}
		long point = Math.floorMod(Math.floorMod(turn, total) * this.stride, total);
		return Optional.of(this.candidates[at(point)]);
	}

	/**
	 * Chooses the less loaded of two candidates drawn in proportion to their weights
	 * (power of two choices): the one with fewer calls in flight per unit of weight.
	 * @param random the source of randomness
	 * @param inFlight the calls in flight to an instance
	 * @return the chosen instance, empty if there are no candidates
	 */
	Optional<ServiceInstance> chooseLessLoaded(RandomGenerator random, ToIntFunction<ServiceInstance> inFlight) {
		int count = this.candidates.length;
		if (count == 0) {
			return Optional.empty();
		}
		int first = draw(random);
		if (count == 1) {
			return Optional.of(this.candidates[first]);
		}
		int second = draw(random);
		if (second == first) {
			second = draw(random);
		}
		if (second == first) {
			// two distinct candidates, the second then uniformly among the others; one of
			// weight 0 is not a candidate unless all are
			second = (first + 1 + random.nextInt(count - 1)) % count;
			if (weight(second) == 0) {
				return Optional.of(this.candidates[first]);
			}
		}
		// compare (in flight + 1) / weight without dividing
		long firstLoad = (inFlight.applyAsInt(this.candidates[first]) + 1L) * weight(second);
		long secondLoad = (inFlight.applyAsInt(this.candidates[second]) + 1L) * weight(first);
		return Optional.of(this.candidates[(secondLoad < firstLoad) ? second : first]);
	}

	private int draw(RandomGenerator random) {
		int count = this.candidates.length;
		long total = this.cumulative[count - 1];
		return (total == 0) ? random.nextInt(count) : at(random.nextLong(total));
	}

	/**
	 * Returns the candidate a point falls on: the first whose running sum exceeds it;
	 * weight-0 candidates add nothing to the sum, so they are never it.
	 * @param point from 0 to the total weight, exclusive
	 * @return the index of the candidate
	 */
	private int at(long point) {
		int low = 0;
		int high = this.candidates.length - 1;
		while (low < high) {
			int middle = (low + high) >>> 1;
			if (this.cumulative[middle] > point) {
				high = middle;
			}
			else {
				low = middle + 1;
			}
		}
		return low;
	}

	/**
	 * Returns a candidate's weight, 1 for every candidate when all weigh 0 (then they
	 * count alike).
	 * @param index the index of the candidate
	 * @return its weight
	 */
	private long weight(int index) {
		if (this.cumulative[this.cumulative.length - 1] == 0) {
			return 1;
		}
		return this.cumulative[index] - ((index > 0) ? this.cumulative[index - 1] : 0);
	}

	/**
	 * Returns a step of about 0.618 of the total (the golden ratio spreads the points of
	 * one candidate best) that is coprime with it.
	 * @param total the total weight
	 * @return the step
	 */
	private static long strideFor(long total) {
		if (total <= 2) {
			return 1;
		}
		long stride = Math.max(1, Math.round(total * 0.6180339887));
		while (gcd(stride, total) != 1) {
			stride++;
		}
		return stride;
	}

	private static long gcd(long a, long b) {
		return (b == 0) ? a : gcd(b, a % b);
	}

	/**
	 * Returns an instance's SRV priority, 0 when it has none or a malformed one.
	 * @param instance the instance
	 * @return its priority
	 */
	static int priorityOf(ServiceInstance instance) {
		return parse(instance, ServiceInstanceMapper.PRIORITY, 0);
	}

	/**
	 * Returns an instance's SRV weight, 1 when it has none or a malformed one.
	 * @param instance the instance
	 * @return its weight
	 */
	static int weightOf(ServiceInstance instance) {
		return parse(instance, ServiceInstanceMapper.WEIGHT, DEFAULT_WEIGHT);
	}

	private static int parse(ServiceInstance instance, String key, int fallback) {
		Map<String, String> metadata = instance.getMetadata();
		String text = (metadata != null) ? metadata.get(key) : null;
		if (text == null) {
			return fallback;
		}
		try {
			return Math.max(0, Integer.parseInt(text.trim()));
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

}
