package io.dnssd.boot.discovery;

import java.util.List;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Receives what the {@link InstanceCache} does: each caller's lookup and each change of a
 * service's instances. Called on the caller's or the refresh thread; must not block.
 */
public interface InstanceCacheListener {

	/**
	 * Called after each request for a service's instances.
	 * @param serviceId the service
	 * @param outcome how the request was answered
	 * @param nanos how long the caller waited
	 */
	default void lookedUp(String serviceId, LookupOutcome outcome, long nanos) {
	}

	/**
	 * Called when the instances served for a service change.
	 * @param serviceId the service
	 * @param instances the instances now served
	 */
	default void changed(String serviceId, List<ServiceInstance> instances) {
	}

}
