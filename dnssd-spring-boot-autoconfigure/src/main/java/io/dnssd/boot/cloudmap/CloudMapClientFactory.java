package io.dnssd.boot.cloudmap;

import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClientBuilder;

/**
 * Builds the Cloud Map client from a builder configured on the main thread (properties
 * and customizers applied), so that the costly {@code build()} alone can run on the
 * context's bootstrap executor.
 */
final class CloudMapClientFactory {

	private final ServiceDiscoveryClientBuilder builder;

	CloudMapClientFactory(ServiceDiscoveryClientBuilder builder) {
		this.builder = builder;
	}

	ServiceDiscoveryClient build() {
		return this.builder.build();
	}

}
