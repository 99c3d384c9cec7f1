package io.dnssd.boot.loadbalancer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

import io.dnssd.boot.discovery.ServiceInstanceMapper;

import org.springframework.cloud.client.ServiceInstance;

/**
 * The candidates of one instance list prepared for RFC 2782 choices: the instances of the
 * lowest priority present and the running sums of their weights, so that a choice is a
 * binary search, O(log n), and the list is read (and its priority and weight metadata
 * parsed) once, not on every choice. Instances of weight 0 are chosen only when every
 * candidate has weight 0, and then uniformly; instances without priority or weight
 * metadata count as priority 0 and weight 1.
 */
final class WeightedGroup {

	private static final int DEFAULT_WEIGHT = 1;

	private final List<ServiceInstance> source;

	private final ServiceInstance[] candidates;

	/** cumulative[i] is the sum of the weights of candidates 0 to i. */
	private final long[] cumulative;

	private WeightedGroup(List<ServiceInstance> source, ServiceInstance[] candidates, long[] cumulative) {
		this.source = source;
		this.candidates = candidates;
		this.cumulative = cumulative;
	}

	/**
	 * Prepares a list.
	 * @param instances the instances, in any order
	 * @return the prepared candidates
	 */
	static WeightedGroup of(List<ServiceInstance> instances) {
		int lowest = Integer.MAX_VALUE;
		List<ServiceInstance> group = new ArrayList<>();
		for (ServiceInstance instance : instances) {
			int priority = parse(instance, ServiceInstanceMapper.PRIORITY, 0);
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
			total += parse(group.get(i), ServiceInstanceMapper.WEIGHT, DEFAULT_WEIGHT);
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
	 * Chooses one candidate.
	 * @param random the source of randomness
	 * @return the chosen instance, empty if there are no candidates
	 */
	Optional<ServiceInstance> choose(RandomGenerator random) {
		int count = this.candidates.length;
		if (count == 0) {
			return Optional.empty();
		}
		long total = this.cumulative[count - 1];
		if (total == 0) {
			return Optional.of(this.candidates[random.nextInt(count)]);
		}
		long point = random.nextLong(total);
		// the first candidate whose running sum exceeds the point; weight-0 candidates
		// add
		// nothing to the sum, so they are never it
		int low = 0;
		int high = count - 1;
		while (low < high) {
			int middle = (low + high) >>> 1;
			if (this.cumulative[middle] > point) {
				high = middle;
			}
			else {
				low = middle + 1;
			}
		}
		return Optional.of(this.candidates[low]);
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
