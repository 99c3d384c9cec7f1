package io.dnssd.boot.cloudmap;

import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClientBuilder;

/**
 * Customizes the Cloud Map {@code ServiceDiscoveryClient} before it is built, e.g. to set
 * a credentials provider or an HTTP client. Applied in order after the properties.
 */
@FunctionalInterface
public interface ServiceDiscoveryClientCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder
	 */
	void customize(ServiceDiscoveryClientBuilder builder);

}
