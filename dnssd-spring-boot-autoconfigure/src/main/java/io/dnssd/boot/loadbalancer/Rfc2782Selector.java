package io.dnssd.boot.loadbalancer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import io.dnssd.boot.discovery.ServiceInstanceMapper;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Chooses an instance the way RFC 2782 orders SRV records: only instances of the lowest
 * priority present are candidates (the others are failover), and among them each is
 * chosen with a probability proportional to its weight. Instances of weight 0 are chosen
 * only when every candidate has weight 0, and then uniformly. Instances without priority
 * or weight metadata count as priority 0 and weight 1.
 */
public final class Rfc2782Selector {

	private static final int DEFAULT_WEIGHT = 1;

	private Rfc2782Selector() {
	}

	/**
	 * Chooses one instance.
	 * @param instances the candidates
	 * @param random the source of randomness
	 * @return the chosen instance, empty if there are no candidates
	 */
	public static Optional<ServiceInstance> select(List<ServiceInstance> instances, RandomGenerator random) {
		if (instances.isEmpty()) {
			return Optional.empty();
		}
		List<ServiceInstance> group = lowestPriorityGroup(instances);
		long total = 0;
		for (ServiceInstance instance : group) {
			total += weightOf(instance);
		}
		if (total == 0) {
			return Optional.of(group.get(random.nextInt(group.size())));
		}
		long point = random.nextLong(total);
		for (ServiceInstance instance : group) {
			point -= weightOf(instance);
			if (point < 0) {
				return Optional.of(instance);
			}
		}
		throw new IllegalStateException("Weights changed while choosing");
	}

	private static List<ServiceInstance> lowestPriorityGroup(List<ServiceInstance> instances) {
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
		return group;
	}

	private static int priorityOf(ServiceInstance instance) {
		return parse(instance, ServiceInstanceMapper.PRIORITY, 0);
	}

	private static int weightOf(ServiceInstance instance) {
		return parse(instance, ServiceInstanceMapper.WEIGHT, DEFAULT_WEIGHT);
	}

	private static int parse(ServiceInstance instance, String key, int fallback) {
		String text = (instance.getMetadata() != null) ? instance.getMetadata().get(key) : null;
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
