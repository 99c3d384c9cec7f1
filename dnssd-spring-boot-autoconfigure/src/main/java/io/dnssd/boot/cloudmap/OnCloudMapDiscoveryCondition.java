package io.dnssd.boot.cloudmap;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Condition behind {@link ConditionalOnCloudMapDiscovery}: binds
 * {@value ConditionalOnCloudMapDiscovery#PROPERTY} as {@link CloudMapProperties} does,
 * with its default.
 */
class OnCloudMapDiscoveryCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		CloudMapProperties.Discovery wanted = metadata.getAnnotations()
			.get(ConditionalOnCloudMapDiscovery.class)
			.getEnum("value", CloudMapProperties.Discovery.class);
		CloudMapProperties.Discovery selected = Binder.get(context.getEnvironment())
			.bind(ConditionalOnCloudMapDiscovery.PROPERTY, CloudMapProperties.Discovery.class)
			.orElse(new CloudMapProperties().getDiscovery());
		String message = ConditionalOnCloudMapDiscovery.PROPERTY + " is " + selected;
		return (selected == wanted) ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
	}

}
