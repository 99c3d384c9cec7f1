package io.dnssd.boot;

import io.dnssd.boot.DnsSdProperties.Backend;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Condition behind {@link ConditionalOnDnsSdBackend}. Binds the property, so relaxed
 * spellings such as {@code cloud-map} match.
 */
class OnDnsSdBackendCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Backend required = metadata.getAnnotations()
			.get(ConditionalOnDnsSdBackend.class)
			.getEnum("value", Backend.class);
		Backend selected = Binder.get(context.getEnvironment())
			.bind(ConditionalOnDnsSdBackend.PROPERTY, Backend.class)
			.orElse(new DnsSdProperties().getBackend());
		String message = ConditionalOnDnsSdBackend.PROPERTY + " is " + selected;
		return (selected == required) ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
	}

}
