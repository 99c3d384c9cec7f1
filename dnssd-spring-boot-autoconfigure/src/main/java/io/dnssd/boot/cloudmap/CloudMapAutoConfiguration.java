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
import org.springframework.context.annotation.Lazy;

/**
 * Auto-configuration of the AWS Cloud Map client when {@code dnssd.backend=cloud-map}:
 * one {@link ServiceDiscoveryClient} built from {@code dnssd.cloud-map.*} (region and
 * credentials from the SDK's default chains unless set) and then
 * {@link ServiceDiscoveryClientCustomizer} beans in order; the SDK's standard retry
 * strategy backs off on throttling. The client is built at its first call, not while the
 * context starts: its build is about a second of the SDK's class loading and endpoint
 * rules on a small machine, which would otherwise delay startup.
 */
@AutoConfiguration
@ConditionalOnClass(ServiceDiscoveryClient.class)
@ConditionalOnDnsSdEnabled
@ConditionalOnDnsSdBackend(Backend.CLOUD_MAP)
@EnableConfigurationProperties({ DnsSdProperties.class, CloudMapProperties.class })
public final class CloudMapAutoConfiguration {

	/**
	 * The client, lazy: the starter's beans look it up at each call (no proxy, whose
	 * creation alone loads some 400 SDK classes), so it is built at its first call, which
	 * registration makes on its scheduler once the application is ready (discovery at the
	 * first lookup), not while the context starts.
	 * @param properties the Cloud Map properties
	 * @param customizers the customizers, applied in order after the properties
	 * @return the client
	 */
	@Bean
	@Lazy
	@ConditionalOnMissingBean
	ServiceDiscoveryClient dnssdServiceDiscoveryClient(CloudMapProperties properties,
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
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	CloudMapServices dnssdCloudMapServices(ObjectProvider<ServiceDiscoveryClient> client, CloudMapProperties properties,
			DnsSdProperties dnsSd) {
		String namespace = (properties.getNamespace() != null) ? properties.getNamespace() : dnsSd.getDomain();
		if (namespace == null || namespace.isBlank()) {
			throw new InvalidConfigurationPropertyValueException("dnssd.cloud-map.namespace", null,
					"set it or dnssd.domain to the Cloud Map namespace");
		}
		return new CloudMapServices(client::getObject,
				new CloudMapOperations(client::getObject, properties.getOperationTimeout()), namespace, properties,
				dnsSd.getTtl());
	}

}
