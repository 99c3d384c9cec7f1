package io.dnssd.boot.model;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * Where this application registers itself: the one interface each backend (RFC 2136 dynamic
 * DNS, Cloud Map, multicast DNS) implements for registration. Calls may block on the network
 * for at most one attempt's timeout; retrying is the caller's job.
 */
public interface Registrar {

	/**
	 * Publishes a registration, replacing what an earlier registration of the same instance
	 * published.
	 * @param registration what to publish
	 * @throws RegistrationFailedException if the registry refused or could not be reached
	 */
	void register(ServiceRegistration registration);

	/**
	 * Removes exactly what {@link #register} published for this instance, and nothing of
	 * other instances.
	 * @param registration what was published
	 * @throws RegistrationFailedException if the registry refused or could not be reached
	 */
	void deregister(ServiceRegistration registration);

	/**
	 * Says that the application is ready to serve, after {@link #register}: called once the
	 * application is ready, and after each later registration. By default nothing happens; a
	 * registry that registered the instance as not yet healthy marks it healthy.
	 * @param registration what was published
	 * @throws RegistrationFailedException if the registry refused or could not be reached
	 */
	default void ready(ServiceRegistration registration) {
	}

	/**
	 * Takes a registered instance out of service because its health is DOWN or
	 * OUT_OF_SERVICE. By default its records are removed; a registry with health of its own
	 * marks it unhealthy instead.
	 * @param registration what was published
	 * @throws RegistrationFailedException if the registry refused or could not be reached
	 */
	default void withdraw(ServiceRegistration registration) {
		deregister(registration);
	}

	/**
	 * Puts a withdrawn instance back into service because its health is UP again.
	 * @param registration what to publish
	 * @throws RegistrationFailedException if the registry refused or could not be reached
	 */
	default void restore(ServiceRegistration registration) {
		register(registration);
	}

	/**
	 * Says how long clients may keep using an instance after {@link #deregister}: how long
	 * the application keeps serving by default once it has deregistered. By default this is
	 * the records' TTL, the time caches may hold them.
	 * @param ttl time to live of the registered records
	 * @return the time until no client should pick this instance any more
	 */
	default Duration forgottenWithin(Duration ttl) {
		return ttl;
	}

	/**
	 * Returns the address clients reach this application at when the registry knows it
	 * better than a scan of the network interfaces: with multicast DNS, the address of the
	 * interface it answers on. Used unless an address is configured.
	 * @return the address, or empty to let the network scan choose
	 */
	default Optional<InetAddress> localAddress() {
		return Optional.empty();
	}

	/**
	 * Checks attributes against the registry's own limits, at startup.
	 * @param attributes the attributes this application will publish
	 * @throws IllegalArgumentException naming the attribute that the registry cannot hold
	 */
	default void validateAttributes(Attributes attributes) {
	}

	/**
	 * Describes this registrar for logs and health details, without secrets.
	 * @return e.g. {@code RFC 2136 updates of zone example.com at 10.0.0.2:53, TSIG key 'app'}
	 */
	String description();

}
