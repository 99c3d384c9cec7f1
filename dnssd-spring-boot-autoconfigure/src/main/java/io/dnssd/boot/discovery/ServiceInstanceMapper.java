package io.dnssd.boot.discovery;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.dnssd.boot.model.Instance;
import io.dnssd.boot.model.TxtAttribute;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

/**
 * Turns a model {@link Instance} into a Spring Cloud {@link ServiceInstance}. TXT attributes
 * become metadata (a boolean attribute reads {@code true}); the SRV priority and weight are
 * added as {@value #PRIORITY} and {@value #WEIGHT}, the keys Spring Cloud LoadBalancer reads;
 * a TXT {@code zone} attribute serves its zone preference as it is. An IPv6 address is
 * written in brackets, the form {@link ServiceInstance#getUri()} and Spring Cloud
 * LoadBalancer's URI reconstruction need.
 */
public final class ServiceInstanceMapper {

	/** Metadata key of the SRV priority. */
	public static final String PRIORITY = "priority";

	/** Metadata key of the SRV weight. */
	public static final String WEIGHT = "weight";

	private ServiceInstanceMapper() {
	}

	/**
	 * Maps one instance.
	 * @param serviceId the service the instance belongs to
	 * @param instance the instance
	 * @return the Spring Cloud instance
	 */
	public static ServiceInstance toServiceInstance(String serviceId, Instance instance) {
		Map<String, String> metadata = new LinkedHashMap<>();
		for (TxtAttribute attribute : instance.attributes().all()) {
			metadata.put(attribute.key(), attribute.isBoolean() ? "true" : attribute.value());
		}
		metadata.put(PRIORITY, Integer.toString(instance.priority()));
		metadata.put(WEIGHT, Integer.toString(instance.weight()));
		return new DefaultServiceInstance(instance.id(), serviceId, uriHost(instance.host()), instance.port(),
				instance.secure(),
				Collections.unmodifiableMap(metadata));
	}

	private static String uriHost(String host) {
		return (host.indexOf(':') >= 0 && !host.startsWith("[")) ? "[" + host + "]" : host;
	}

}
