package io.dnssd.boot.model;

import java.util.Optional;

/**
 * Where this application registers itself: the one interface each backend (RFC 2136
 * dynamic DNS, Cloud Map, multicast DNS) implements for registration. Calls may block on
 * the network for at most one attempt's timeout; retrying is the caller's job.
 */
public interface Registrar {

	/**
	 * Publishes a registration, replacing what an earlier registration of the same
	 * instance published.
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
	 * Checks that the registry still holds what {@link #register} published, and
	 * publishes it again where it does not: records lost to a reaper, a zone reloaded
	 * from an old file, an operator. Called on an interval while the instance is
	 * registered ({@code dnssd.registration.refresh}). By default nothing is checked: a
	 * registry that keeps what it was given in this process (multicast DNS answers from
	 * its own memory) cannot lose it to anyone else.
	 * @param registration what was published
	 * @return whether anything was missing and was published again
	 * @throws RegistrationFailedException if the registry refused or could not be reached
	 */
	default boolean refresh(ServiceRegistration registration) {
		return false;
	}

	/**
	 * Says that the application is ready to serve, after {@link #register}: called once
	 * the application is ready, and after each later registration. By default nothing
	 * happens; a registry that registered the instance as not yet healthy marks it
	 * healthy.
	 * @param registration what was published
	 * @throws RegistrationFailedException if the registry refused or could not be reached
	 */
	default void ready(ServiceRegistration registration) {
	}

	/**
	 * Takes a registered instance out of service because its health is DOWN or
	 * OUT_OF_SERVICE. By default its records are removed; a registry with health of its
	 * own marks it unhealthy instead.
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
	 * Returns the name the registry publishes an instance under: the one registered,
	 * unless the registry had to choose another (multicast DNS renames an instance whose
	 * name another host holds, RFC 6762 §9).
	 * @param registration what was registered
	 * @return the name peers see
	 */
	default InstanceName publishedName(ServiceRegistration registration) {
		return registration.instance();
	}

	/**
	 * Checks cheaply whether the registry answers. A registration waiting out its backoff
	 * after a {@link RegistryUnreachableException} runs this twice a second, so that it
	 * is attempted as soon as the registry is back instead of up to a minute later. By
	 * default there is no check and the backoff alone decides.
	 * @return whether the registry answered; empty when this registry has no such check
	 */
	default Optional<Boolean> answers() {
		return Optional.empty();
	}

	/**
	 * Returns what sets this registry apart: drain time, the local address it knows, its
	 * attribute limits.
	 * @return the traits; {@link RegistryTraits#DEFAULT} unless the registry differs
	 */
	default RegistryTraits traits() {
		return RegistryTraits.DEFAULT;
	}

	/**
	 * Describes this registrar for logs and health details, without secrets.
	 * @return e.g.
	 * {@code RFC 2136 updates of zone example.com at 10.0.0.2:53, TSIG key 'app'}
	 */
	String description();

}
