package io.dnssd.boot.loadbalancer;

import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Chooses an instance the way RFC 2782 orders SRV records: only instances of the lowest
 * priority present are candidates (the others are failover), and among them each is
 * chosen with a probability proportional to its weight. Instances of weight 0 are chosen
 * only when every candidate has weight 0, and then uniformly. Instances without priority
 * or weight metadata count as priority 0 and weight 1. Each call reads the whole list;
 * {@link PriorityWeightedLoadBalancer} prepares a list once ({@link WeightedGroup}) and
 * chooses from it in O(log n) until the list changes.
 */
public final class Rfc2782Selector {

	private Rfc2782Selector() {
	}

	/**
	 * Chooses one instance.
	 * @param instances the candidates
	 * @param random the source of randomness
	 * @return the chosen instance, empty if there are no candidates
	 */
	public static Optional<ServiceInstance> select(List<ServiceInstance> instances, RandomGenerator random) {
		return WeightedGroup.of(instances).choose(random);
	}

}
