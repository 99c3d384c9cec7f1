package io.dnssd.boot.cloudmap;

import io.dnssd.boot.ConditionalOnDnsSdBackend;
import io.dnssd.boot.ConditionalOnDnsSdEnabled;
import io.dnssd.boot.DnsSdProperties;
import io.dnssd.boot.DnsSdProperties.Backend;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClientBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Lazy;

/**
 * Auto-configuration of the AWS Cloud Map client when {@code dnssd.backend=cloud-map}:
 * one {@link ServiceDiscoveryClient} built from {@code dnssd.cloud-map.*} (region and
 * credentials from the SDK's default chains unless set) and then
 * {@link ServiceDiscoveryClientCustomizer} beans in order; the SDK's standard retry
 * strategy backs off on throttling. The client is built in the background while the rest
 * of the context starts (about a second of the SDK's class loading and endpoint rules on
 * a small machine), where the context has a bootstrap executor (Spring Boot's task
 * executor is one); the starter's beans take it lazily, so they do not wait for it until
 * their first call.
 */
@AutoConfiguration
@ConditionalOnClass(ServiceDiscoveryClient.class)
@ConditionalOnDnsSdEnabled
@ConditionalOnDnsSdBackend(Backend.CLOUD_MAP)
@EnableConfigurationProperties({ DnsSdProperties.class, CloudMapProperties.class })
public final class CloudMapAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ServiceDiscoveryClient.class)
	CloudMapClientFactory dnssdCloudMapClientFactory(CloudMapProperties properties,
			ObjectProvider<ServiceDiscoveryClientCustomizer> customizers) {
		ServiceDiscoveryClientBuilder builder = ServiceDiscoveryClient.builder();
		ClientOverrideConfiguration.Builder overrides = ClientOverrideConfiguration.builder()
			.retryStrategy(RetryMode.STANDARD);
		if (properties.getRegion() != null) {
			builder.region(Region.of(properties.getRegion()));
		}
		if (properties.getEndpoint() != null) {
			builder.endpointOverride(properties.getEndpoint());
			overrides.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true);
		}
		builder.overrideConfiguration(overrides.build());
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return new CloudMapClientFactory(builder);
	}

	/**
	 * The client, built on the bootstrap executor from the factory the main thread
	 * configured first (a background bean must not create others).
	 * @param factory the configured builder
	 * @return the client
	 */
	@Bean(bootstrap = Bean.Bootstrap.BACKGROUND)
	@DependsOn("dnssdCloudMapClientFactory")
	@ConditionalOnMissingBean
	ServiceDiscoveryClient dnssdServiceDiscoveryClient(CloudMapClientFactory factory) {
		return factory.build();
	}

	@Bean
	@ConditionalOnMissingBean
	CloudMapServices dnssdCloudMapServices(@Lazy ServiceDiscoveryClient client, CloudMapProperties properties,
			DnsSdProperties dnsSd) {
		String namespace = (properties.getNamespace() != null) ? properties.getNamespace() : dnsSd.getDomain();
		if (namespace == null || namespace.isBlank()) {
			throw new InvalidConfigurationPropertyValueException("dnssd.cloud-map.namespace", null,
					"set it or dnssd.domain to the Cloud Map namespace");
		}
		return new CloudMapServices(client, new CloudMapOperations(client, properties.getOperationTimeout()), namespace,
				properties, dnsSd.getTtl());
	}

}
