package io.dnssd.boot.loadbalancer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Load-balanced calls in flight to each instance, counted by {@link InFlightLifecycle}
 * and read by the least-request choice. An instance with none in flight holds no entry.
 */
final class InFlightRequests {

	private final Map<Key, Integer> counts = new ConcurrentHashMap<>();

	/**
	 * Notes a call that starts.
	 * @param instance the instance called
	 */
	void started(ServiceInstance instance) {
		this.counts.merge(Key.of(instance), 1, Integer::sum);
	}

	/**
	 * Notes a call that ended, however.
	 * @param instance the instance called
	 */
	void ended(ServiceInstance instance) {
		this.counts.computeIfPresent(Key.of(instance), (key, count) -> (count > 1) ? count - 1 : null);
	}

	/**
	 * Returns the calls in flight to an instance.
	 * @param instance the instance
	 * @return the number of its calls that started and did not end
	 */
	int of(ServiceInstance instance) {
		return this.counts.getOrDefault(Key.of(instance), 0);
	}

	/**
	 * An instance of a service, by where its calls go.
	 *
	 * @param serviceId the service
	 * @param endpoint where calls go
	 */
	private record Key(String serviceId, Endpoint endpoint) {

		static Key of(ServiceInstance instance) {
			return new Key(String.valueOf(instance.getServiceId()), Endpoint.of(instance));
		}

	}

}
