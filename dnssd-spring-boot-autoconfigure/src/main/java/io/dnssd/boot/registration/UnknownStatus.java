package io.dnssd.boot.registration;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.util.ClassUtils;

/**
 * The error for a status the registry does not know: Actuator's
 * {@link InvalidEndpointRequestException} where Actuator is present, so
 * {@code POST /actuator/serviceregistry} answers 400 rather than 500, else an
 * {@link IllegalArgumentException}.
 */
final class UnknownStatus {

	private static final boolean ACTUATOR = ClassUtils.isPresent(
			"org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException",
			UnknownStatus.class.getClassLoader());

	private UnknownStatus() {
	}

	static RuntimeException of(String message) {
		return ACTUATOR ? ActuatorError.of(message) : new IllegalArgumentException(message);
	}

	/**
	 * Loaded only where Actuator is on the class path.
	 */
	private static final class ActuatorError {

		private ActuatorError() {
		}

		static RuntimeException of(String message) {
			return new InvalidEndpointRequestException(message, message);
		}

	}

}
