package io.dnssd.boot.model;

/**
 * Thrown when a registration or deregistration failed because the registry could not be
 * reached or did not answer (as opposed to refusing it): a failure that ends when the
 * registry is back, which a registration waiting to retry watches for with
 * {@link Registrar#answers()}.
 */
public class RegistryUnreachableException extends RegistrationFailedException {

	/**
	 * Creates an exception with a cause.
	 * @param message what failed
	 * @param cause the underlying failure
	 */
	public RegistryUnreachableException(String message, Throwable cause) {
		super(message, cause);
	}

}
