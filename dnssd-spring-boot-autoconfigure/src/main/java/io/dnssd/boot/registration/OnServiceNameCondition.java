package io.dnssd.boot.registration;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Matches when the application has a name to register under:
 * {@code spring.application.name} or {@code dnssd.registration.service-name}. An
 * application with neither, typically a pure client, does not register.
 */
class OnServiceNameCondition extends AnyNestedCondition {

	OnServiceNameCondition() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@ConditionalOnProperty("spring.application.name")
	static class ApplicationNameSet {

	}

	@ConditionalOnProperty("dnssd.registration.service-name")
	static class ServiceNameSet {

	}

}
