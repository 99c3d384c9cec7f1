package io.dnssd.boot.loadbalancer;

import java.util.Locale;

import io.dnssd.boot.discovery.InstanceCache;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplierBuilder;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Builds a service's {@link ServiceInstanceListSupplier} with Spring Cloud's
 * {@link ServiceInstanceListSupplier#builder() builder} on top of the
 * {@link InstanceCache}, so that Spring Cloud's own filters work on our instances: hints
 * always (they pass every instance on when no hint is given), and the one that
 * {@code spring.cloud.loadbalancer.[clients.<service>.]configurations} selects; below
 * them, right on the cache, the filter of outlier ejection where it is on. Spring Cloud's
 * caching supplier is never added: the cache already honours the records' TTLs.
 */
final class ServiceInstanceListSupplierChain {

	private static final Log logger = LogFactory.getLog(ServiceInstanceListSupplierChain.class);

	private static final String PREFIX = "spring.cloud.loadbalancer.";

	private static final String SERVLET_REQUEST = "jakarta.servlet.http.HttpServletRequest";

	private static final String REACTIVE_API_VERSIONING = "org.springframework.web.reactive.accept.ApiVersionStrategy";

	private ServiceInstanceListSupplierChain() {
	}

	/**
	 * Builds the chain for the service of a load-balancer child context.
	 * @param context the child context of one service
	 * @param cache the cache of instances
	 * @param detectors the outlier detectors, {@code null} when outlier ejection is off
	 * @return the outermost supplier
	 */
	static ServiceInstanceListSupplier build(ConfigurableApplicationContext context, InstanceCache cache,
			@Nullable OutlierDetectors detectors) {
		Environment environment = context.getEnvironment();
		String serviceId = environment.getRequiredProperty(LoadBalancerClientFactory.PROPERTY_NAME);
		ServiceInstanceListSupplierBuilder builder = ServiceInstanceListSupplier.builder()
			.withBase(new CachedInstanceListSupplier(serviceId, cache));
		if (detectors != null) {
			builder.with((child, delegate) -> new OutlierEjectingSupplier(delegate, detectors.of(serviceId)));
		}
		builder.withHints();
		String configuration = configurationOf(environment, serviceId);
		switch (configuration) {
			case "default" -> {
			}
			case "zone-preference" -> builder.withZonePreference();
			case "api-version" -> withApiVersioning(builder, context.getClassLoader());
			case "same-instance-preference" -> builder.withSameInstancePreference();
			case "request-based-sticky-session" -> builder.withRequestBasedStickySession();
			case "subset" -> builder.withSubset();
			default -> logger.warn("Load-balancer configuration '" + configuration + "' of service '" + serviceId
					+ "' is not supported with DNS-SD discovery (SRV priority and weight already choose); using"
					+ " the default one");
		}
		return builder.build(context);
	}

	private static void withApiVersioning(ServiceInstanceListSupplierBuilder builder,
			@Nullable ClassLoader classLoader) {
		if (ClassUtils.isPresent(SERVLET_REQUEST, classLoader)
				|| !ClassUtils.isPresent(REACTIVE_API_VERSIONING, classLoader)) {
			builder.withBlockingApiVersioning();
		}
		else {
			builder.withReactiveApiVersioning();
		}
	}

	private static String configurationOf(Environment environment, String serviceId) {
		String value = environment.getProperty(PREFIX + "clients." + serviceId + ".configurations");
		if (value == null) {
			value = environment.getProperty(PREFIX + "configurations", "default");
		}
		return value.trim().toLowerCase(Locale.ROOT);
	}

}
