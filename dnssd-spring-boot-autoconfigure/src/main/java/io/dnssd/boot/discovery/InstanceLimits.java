package io.dnssd.boot.discovery;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.dnssd.boot.model.Attribute;
import io.dnssd.boot.model.Attributes;
import io.dnssd.boot.model.Instance;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Bounds on what one service may hold in memory, so a hostile or runaway zone cannot take
 * the application down: at most so many instances per service and so many bytes of
 * attributes per instance. What is cut is said once at WARN, and the rest is served.
 *
 * @param maxInstances most instances kept per service
 * @param maxAttributeBytes most bytes of attributes ({@code key=value}, UTF-8) kept per
 * instance
 */
public record InstanceLimits(int maxInstances, int maxAttributeBytes) {

	private static final Log logger = LogFactory.getLog(InstanceLimits.class);

	private static final int MAX_WARNED = 10_000;

	private static final Set<String> warned = ConcurrentHashMap.newKeySet();

	/**
	 * Applies the limits to the instances of a service.
	 * @param serviceId the service
	 * @param instances the instances the backend resolved
	 * @return the instances kept, with their attributes cut to the limit
	 */
	public List<Instance> apply(String serviceId, List<Instance> instances) {
		List<Instance> kept = instances;
		if (instances.size() > this.maxInstances) {
			warnOnce(serviceId + "#instances", "Service '" + serviceId + "' has " + instances.size()
					+ " instances; serving the first " + this.maxInstances + " (dnssd.discovery.max-instances)");
			kept = instances.subList(0, this.maxInstances);
		}
		return kept.stream().map((instance) -> bounded(serviceId, instance)).toList();
	}

	private Instance bounded(String serviceId, Instance instance) {
		int total = 0;
		Map<String, @Nullable String> kept = new LinkedHashMap<>();
		for (Attribute attribute : instance.attributes().all()) {
			total += attribute.toTxtString().getBytes(StandardCharsets.UTF_8).length;
			if (total > this.maxAttributeBytes) {
				warnOnce(serviceId + "#" + instance.id(),
						"Instance '" + instance.id() + "' of service '" + serviceId + "' has more than "
								+ this.maxAttributeBytes + " bytes of attributes; keeping the first " + kept.size()
								+ " (dnssd.discovery.max-attribute-bytes)");
				return new Instance(instance.id(), instance.host(), instance.port(), instance.secure(),
						instance.priority(), instance.weight(), Attributes.of(kept));
			}
			kept.put(attribute.key(), attribute.value());
		}
		return instance;
	}

	private static void warnOnce(String key, String message) {
		if (warned.size() >= MAX_WARNED) {
			warned.clear();
		}
		if (warned.add(key)) {
			logger.warn(message);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message);
		}
	}

}
