package io.dnssd.boot.cloudmap;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.dnssd.boot.ConditionalOnDnsSdBackend;
import io.dnssd.boot.ConditionalOnDnsSdEnabled;
import io.dnssd.boot.DnsSdProperties.Backend;
import io.dnssd.boot.discovery.DiscoveryProperties;
import io.dnssd.boot.model.InstanceSource;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatusFilter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of discovery through Cloud Map's DiscoverInstances API
 * ({@code dnssd.cloud-map.discovery=api}, the default).
 */
@AutoConfiguration(after = CloudMapAutoConfiguration.class)
@ConditionalOnClass(ServiceDiscoveryClient.class)
@ConditionalOnDnsSdEnabled
@ConditionalOnDnsSdBackend(Backend.CLOUD_MAP)
@ConditionalOnCloudMapDiscovery(CloudMapProperties.Discovery.API)
@EnableConfigurationProperties({ CloudMapProperties.class, DiscoveryProperties.class })
public final class CloudMapDiscoveryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	InstanceSource cloudMapInstanceSource(ObjectProvider<ServiceDiscoveryClient> client, CloudMapServices services,
			CloudMapProperties properties, DiscoveryProperties discovery) {
		return new CloudMapInstanceSource(client::getObject, services,
				HealthStatusFilter.fromValue(properties.getHealthStatus().name()),
				(serviceId) -> queryParameters(discovery, serviceId), properties.getPollInterval(),
				properties.getFullRefreshInterval(), Clock.systemUTC());
	}

	private static Map<String, String> queryParameters(DiscoveryProperties discovery, String serviceId) {
		Map<String, String> parameters = new LinkedHashMap<>(discovery.getFilters());
		DiscoveryProperties.Service service = discovery.getServices().get(serviceId);
		if (service != null) {
			parameters.putAll(service.getFilters());
		}
		return parameters;
	}

}
