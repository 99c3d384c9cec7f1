package io.dnssd.boot.actuate;

import java.util.function.Supplier;

import io.dnssd.boot.ConditionalOnDnsSdEnabled;
import io.dnssd.boot.DnsSdScheduler;
import io.dnssd.boot.registration.DnsSdRegistration;
import io.dnssd.boot.registration.DnsSdServiceRegistry;
import io.dnssd.boot.registration.RegistrationAutoConfiguration;
import io.dnssd.boot.registration.RegistrationProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that makes the registration follow Actuator's aggregated health, or
 * the health group named by {@code dnssd.registration.health.group}.
 */
@AutoConfiguration(after = RegistrationAutoConfiguration.class,
		afterName = "org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration")
@ConditionalOnClass(HealthEndpoint.class)
@ConditionalOnDnsSdEnabled
@ConditionalOnProperty(name = "dnssd.registration.health.enabled", matchIfMissing = true)
@ConditionalOnBean({ HealthEndpoint.class, DnsSdServiceRegistry.class })
public final class HealthDrivenRegistrationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HealthDrivenRegistration dnssdHealthDrivenRegistration(HealthEndpoint endpoint, HealthEndpointGroups groups,
			DnsSdServiceRegistry registry, DnsSdRegistration registration, RegistrationProperties properties,
			DnsSdScheduler scheduler, ObjectProvider<StatusAggregator> aggregator,
			ObjectProvider<HealthContributorRegistry> contributors,
			ObjectProvider<ReactiveHealthContributorRegistry> reactiveContributors) {
		String group = properties.getHealth().getGroup();
		if (group != null && groups.get(group) == null) {
			throw new InvalidConfigurationPropertyValueException("dnssd.registration.health.group", group,
					"no such health group; known groups: " + groups.getNames());
		}
		Supplier<Status> health = () -> {
			if (group != null) {
				HealthDescriptor descriptor = endpoint.healthForPath(group);
				return (descriptor != null) ? descriptor.getStatus() : Status.UNKNOWN;
			}
			return OwnHealth.of(endpoint, contributors.getIfAvailable(), reactiveContributors.getIfAvailable(),
					aggregator.getIfAvailable(StatusAggregator::getDefault));
		};
		return new HealthDrivenRegistration(health, registry, registration, properties.getHealth().getInterval(),
				scheduler.taskScheduler());
	}

}
