package io.dnssd.boot.model;

import java.util.function.Consumer;

/**
 * Where instances come from: the one interface each backend (unicast DNS, Cloud Map,
 * multicast DNS) implements for discovery. Calls may block on the network; callers cache.
 */
public interface InstanceSource {

	/**
	 * Resolves the current instances of a service. An answer that says the service does
	 * not exist or has no instances is a successful, empty resolution.
	 * @param serviceId the service, as the application names it (e.g. {@code calc})
	 * @return the instances and how long they may be cached
	 * @throws LookupFailedException if no answer could be obtained
	 */
	Resolution resolve(String serviceId);

	/**
	 * Lists the services this source can enumerate, asking the backend.
	 * @return the service ids and how long they may be cached
	 * @throws LookupFailedException if the enumeration could not be obtained
	 */
	ServiceEnumeration enumerate();

	/**
	 * Checks that the backend can be reached, for health checks. By default this lists
	 * the services, which asks the backend.
	 * @throws LookupFailedException if the backend cannot be reached
	 */
	default void probe() {
		enumerate();
	}

	/**
	 * Says that a service is no longer used, so a source that follows services by itself
	 * (multicast DNS browsing, remembered revisions) stops following it. A later
	 * {@link #resolve(String)} follows it again. By default nothing happens.
	 * @param serviceId the service
	 */
	default void release(String serviceId) {
	}

	/**
	 * Subscribes to changes that this source learns of without being asked, such as
	 * multicast DNS announcements and goodbyes, so callers that cache can refresh at
	 * once. By default a source learns nothing by itself and never calls the listener.
	 * @param listener receives the id of a service whose instances changed
	 */
	default void subscribe(Consumer<String> listener) {
	}

	/**
	 * Describes this source for logs and {@code DiscoveryClient#description()}.
	 * @return a short description, e.g. {@code DNS-SD in example.com via 10.0.0.2:53}
	 */
	String description();

}
