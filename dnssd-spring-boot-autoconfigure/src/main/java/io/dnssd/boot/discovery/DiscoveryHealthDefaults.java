package io.dnssd.boot.discovery;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes Spring Cloud's discovery health indicators probe the backend instead of listing
 * services, unless the application says otherwise: {@code getServices()} serves a cached
 * list, stale while the backend is down, so only the probe reports an outage as DOWN. The
 * default is added as the last property source, below everything the application
 * configures, and not at all with {@code dnssd.enabled=false}.
 */
public final class DiscoveryHealthDefaults implements EnvironmentPostProcessor {

	/**
	 * Spring Cloud's property that chooses between the services query and the probe.
	 */
	public static final String USE_SERVICES_QUERY = "spring.cloud.discovery.client.health-indicator.use-services-query";

	private static final String SOURCE_NAME = "dnssdDiscoveryHealthDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("dnssd.enabled", Boolean.class, true)) {
			return;
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource(SOURCE_NAME, Map.of(USE_SERVICES_QUERY, "false")));
	}

}
