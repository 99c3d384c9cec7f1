package io.dnssd.boot.actuate;

import io.dnssd.boot.registration.DnsSdServiceRegistry;
import io.dnssd.boot.registration.RegistrationState;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the registration: its state, the registry and the last error. A registration
 * that is retrying reports UNKNOWN rather than DOWN, so it never withdraws itself through
 * the health it follows.
 */
public class RegistrationHealthIndicator extends AbstractHealthIndicator {

	private final DnsSdServiceRegistry registry;

	/**
	 * Creates the indicator.
	 * @param registry the registry to report on
	 */
	public RegistrationHealthIndicator(DnsSdServiceRegistry registry) {
		super("Registration health check failed");
		this.registry = registry;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		RegistrationState state = this.registry.state();
		if (state == RegistrationState.RETRYING) {
			builder.unknown();
		}
		else {
			builder.up();
		}
		builder.withDetail("state", state.name());
		String lastError = this.registry.lastError();
		if (lastError != null) {
			builder.withDetail("lastError", lastError);
		}
	}

}
