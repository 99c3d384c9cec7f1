package io.dnssd.boot.registration;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.dnssd.boot.ConditionalOnDnsSdEnabled;
import io.dnssd.boot.DnsSdProperties;
import io.dnssd.boot.DnsSdScheduler;
import io.dnssd.boot.DnsSdSchedulerAutoConfiguration;
import io.dnssd.boot.model.Attribute;
import io.dnssd.boot.model.Attributes;
import io.dnssd.boot.model.Registrar;
import io.dnssd.boot.model.ServiceRegistration;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.info.BuildProperties;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationProperties;
import org.springframework.cloud.client.serviceregistry.ServiceRegistry;
import org.springframework.cloud.commons.util.InetUtils;
import org.springframework.cloud.commons.util.InetUtilsProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of self-registration on whichever {@link Registrar} the selected
 * backend provides: the registration, the registry and auto-registration with
 * deregistration before the web server stops. Applies when the application has a name
 * ({@code spring.application.name} or {@code dnssd.registration.service-name}).
 */
@AutoConfiguration(after = DnsSdSchedulerAutoConfiguration.class,
		afterName = { "io.dnssd.boot.dns.DnsRegistrationAutoConfiguration",
				"io.dnssd.boot.cloudmap.CloudMapRegistrationAutoConfiguration",
				"io.dnssd.boot.mdns.MdnsAutoConfiguration" },
		beforeName = "org.springframework.cloud.client.serviceregistry.ServiceRegistryAutoConfiguration")
@ConditionalOnClass(value = ServiceRegistry.class,
		name = "org.springframework.boot.web.server.context.WebServerInitializedEvent")
@ConditionalOnDnsSdEnabled
@ConditionalOnDnsSdRegistrationEnabled
@ConditionalOnProperty(
		name = { "spring.cloud.service-registry.enabled", "spring.cloud.service-registry.auto-registration.enabled" },
		matchIfMissing = true)
@ConditionalOnBean(Registrar.class)
@Conditional(OnServiceNameCondition.class)
@EnableConfigurationProperties({ RegistrationProperties.class, DnsSdProperties.class,
		AutoServiceRegistrationProperties.class })
public final class RegistrationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RegistrationFactory dnssdRegistrationFactory(RegistrationProperties properties, Environment environment,
			ObjectProvider<InetUtils> inetUtils, ObjectProvider<BuildProperties> buildProperties, Registrar registrar) {
		Optional<EcsTaskMetadata> ecs = EcsTaskMetadata.fetch(System.getenv());
		String configured = (properties.getAddress() != null) ? properties.getAddress()
				: InstanceAddresses.boundAddress(environment.getProperty("server.address"));
		InetAddress address = chooseAddress(configured, () -> ecs, registrar, inetUtils);
		BuildProperties build = buildProperties.getIfAvailable();
		RegistrationFactory factory = new RegistrationFactory(properties,
				environment.getProperty("spring.application.name"), address,
				(build != null) ? build.getVersion() : null, ecs.map(EcsTaskMetadata::hostPorts).orElse(Map.of()));
		validateAttributes(factory, registrar);
		return factory;
	}

	@Bean
	@ConditionalOnMissingBean
	DnsSdRegistration dnssdRegistration(RegistrationFactory factory,
			ObjectProvider<DnsSdRegistrationCustomizer> customizers, Registrar registrar) {
		List<DnsSdRegistrationCustomizer> ordered = customizers.orderedStream().toList();
		return new DnsSdRegistration(factory, (built) -> customize(built, ordered, registrar));
	}

	@Bean
	@ConditionalOnMissingBean
	DnsSdServiceRegistry dnssdServiceRegistry(Registrar registrar, RegistrationProperties properties,
			ObjectProvider<RegistrationListener> listeners, DnsSdScheduler scheduler) {
		return new DnsSdServiceRegistry(registrar, properties.isFailFast(), listeners.orderedStream().toList(),
				scheduler.taskScheduler(), properties.getRefresh());
	}

	@Bean
	@ConditionalOnMissingBean
	DnsSdAutoServiceRegistration dnssdAutoServiceRegistration(ApplicationContext context, DnsSdServiceRegistry registry,
			AutoServiceRegistrationProperties autoServiceRegistrationProperties, DnsSdRegistration registration,
			RegistrationProperties properties) {
		return new DnsSdAutoServiceRegistration(context, registry, autoServiceRegistrationProperties, registration,
				properties);
	}

	@Bean
	@ConditionalOnMissingBean
	RegistrationLifecycleListener dnssdRegistrationLifecycleListener(ApplicationContext context,
			DnsSdAutoServiceRegistration autoRegistration, DnsSdServiceRegistry registry,
			RegistrationProperties properties, DnsSdProperties dnsSd, Registrar registrar) {
		Duration drain = (properties.getDrain() != null) ? properties.getDrain()
				: registrar.traits().drainAfter(dnsSd.getTtl());
		return new RegistrationLifecycleListener(context, autoRegistration, registry, drain);
	}

	private static ServiceRegistration customize(ServiceRegistration built,
			List<DnsSdRegistrationCustomizer> customizers, Registrar registrar) {
		if (customizers.isEmpty()) {
			return built;
		}
		ServiceRegistration customized = built;
		for (DnsSdRegistrationCustomizer customizer : customizers) {
			customized = customizer.customize(customized);
		}
		try {
			registrar.traits().attributeLimits().check(customized.attributes());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("A DnsSdRegistrationCustomizer made attributes " + registrar.description()
					+ " cannot hold: " + ex.getMessage(), ex);
		}
		return customized;
	}

	/**
	 * Checks the attributes against the registry's limits: each alone, so that the error
	 * names its property, then all together.
	 * @param factory holds the attributes and the properties they came from
	 * @param registrar the registry
	 */
	private static void validateAttributes(RegistrationFactory factory, Registrar registrar) {
		for (Attribute attribute : factory.attributes().all()) {
			try {
				registrar.traits()
					.attributeLimits()
					.check(Attributes.of(Collections.singletonMap(attribute.key(), attribute.value())));
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException(factory.propertyOf(attribute.key()),
						attribute.value(), ex.getMessage());
			}
		}
		try {
			registrar.traits().attributeLimits().check(factory.attributes());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("dnssd.registration.metadata",
					factory.attributes().toString(), ex.getMessage());
		}
	}

	private static InetAddress chooseAddress(@Nullable String configured, Supplier<Optional<EcsTaskMetadata>> ecs,
			Registrar registrar, ObjectProvider<InetUtils> inetUtils) {
		InetUtils shared = inetUtils.getIfAvailable();
		if (shared != null) {
			return InstanceAddresses.choose(configured, ecs,
					() -> Optional.ofNullable(registrar.traits().localAddress()), shared);
		}
		try (InetUtils own = new InetUtils(new InetUtilsProperties())) {
			return InstanceAddresses.choose(configured, ecs,
					() -> Optional.ofNullable(registrar.traits().localAddress()), own);
		}
	}

}
