package io.dnssd.boot.cloudmap;

import io.dnssd.boot.ConditionalOnDnsSdBackend;
import io.dnssd.boot.ConditionalOnDnsSdEnabled;
import io.dnssd.boot.DnsSdProperties.Backend;
import io.dnssd.boot.model.Registrar;
import io.dnssd.boot.registration.ConditionalOnDnsSdRegistrationEnabled;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of registration in AWS Cloud Map.
 */
@AutoConfiguration(after = CloudMapAutoConfiguration.class)
@ConditionalOnClass(ServiceDiscoveryClient.class)
@ConditionalOnDnsSdEnabled
@ConditionalOnDnsSdBackend(Backend.CLOUD_MAP)
@ConditionalOnDnsSdRegistrationEnabled
@EnableConfigurationProperties(CloudMapProperties.class)
public final class CloudMapRegistrationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Registrar cloudMapRegistrar(ObjectProvider<ServiceDiscoveryClient> client, CloudMapServices services,
			CloudMapProperties properties) {
		String where = (properties.getEndpoint() != null) ? " at " + properties.getEndpoint()
				: (properties.getRegion() != null) ? " in " + properties.getRegion() : "";
		return new CloudMapRegistrar(client::getObject, services,
				new CloudMapOperations(client::getObject, properties.getOperationTimeout()),
				"AWS Cloud Map namespace '" + services.namespace() + "'" + where);
	}

}
