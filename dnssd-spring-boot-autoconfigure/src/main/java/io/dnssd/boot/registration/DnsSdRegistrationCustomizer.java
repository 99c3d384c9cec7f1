package io.dnssd.boot.registration;

import io.dnssd.boot.model.ServiceRegistration;

/**
 * Callback that customizes this application's registration before it is published, once
 * its port is known: extra attributes computed at run time, another priority or weight.
 * Every bean of this type is applied, in order; the registry's limits are checked on the
 * result.
 */
@FunctionalInterface
public interface DnsSdRegistrationCustomizer {

	/**
	 * Customizes the registration.
	 * @param registration the registration built from the {@code dnssd.registration.*}
	 * properties
	 * @return the registration to publish, e.g.
	 * {@code registration.withAttribute("team", "payments")}
	 */
	ServiceRegistration customize(ServiceRegistration registration);

}
