package io.dnssd.boot.model;

/**
 * Thrown when a registry refused a registration or deregistration, or could not be
 * reached. The message names the registry and its answer; it never holds a secret.
 */
public class RegistrationFailedException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message what failed and the registry's answer
	 */
	public RegistrationFailedException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a cause.
	 * @param message what failed
	 * @param cause the underlying failure
	 */
	public RegistrationFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
