package io.dnssd.boot.discovery;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.dnssd.boot.model.Attribute;
import io.dnssd.boot.model.Instance;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

/**
 * Turns a model {@link Instance} into a Spring Cloud {@link ServiceInstance}. TXT
 * attributes become metadata (a boolean attribute reads {@code true}); the SRV priority
 * and weight are added as {@value #PRIORITY} and {@value #WEIGHT}, the keys Spring Cloud
 * LoadBalancer reads; a {@code zone} attribute serves its zone preference and a
 * {@code hint} attribute its hint filter as they are, and the {@code version} attribute
 * is also written as {@value #API_VERSION}, the key its API-version filter reads. An IPv6
 * address is written in brackets, the form {@link ServiceInstance#getUri()} and Spring
 * Cloud LoadBalancer's URI reconstruction need.
 */
public final class ServiceInstanceMapper {

	/** Metadata key of the SRV priority. */
	public static final String PRIORITY = "priority";

	/** Metadata key of the SRV weight. */
	public static final String WEIGHT = "weight";

	/** Metadata key Spring Cloud LoadBalancer's API-version filter reads. */
	public static final String API_VERSION = "API_VERSION";

	/** Attribute that carries the application's version. */
	public static final String VERSION = "version";

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
		for (Attribute attribute : instance.attributes().all()) {
			metadata.put(attribute.key(), attribute.isBoolean() ? "true" : attribute.value());
		}
		instance.attributes()
			.get(VERSION)
			.map(Attribute::value)
			.ifPresent((version) -> metadata.putIfAbsent(API_VERSION, version));
		metadata.put(PRIORITY, Integer.toString(instance.priority()));
		metadata.put(WEIGHT, Integer.toString(instance.weight()));
		return new DefaultServiceInstance(instance.id(), serviceId, uriHost(instance.host()), instance.port(),
				instance.secure(), Collections.unmodifiableMap(metadata));
	}

	private static String uriHost(String host) {
		return (host.indexOf(':') >= 0 && !host.startsWith("[")) ? "[" + host + "]" : host;
	}

}
