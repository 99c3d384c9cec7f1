package io.dnssd.boot.model;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a backend could not obtain an answer: a timeout, an unreachable server, or
 * an error answer such as SERVFAIL or REFUSED. It is not thrown for an answer that says a
 * service has no instances.
 */
public class LookupFailedException extends RuntimeException {

	/**
	 * Creates an exception.
	 * @param message what failed, naming the query
	 */
	public LookupFailedException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a cause.
	 * @param message what failed, naming the query
	 * @param cause the underlying failure
	 */
	public LookupFailedException(@Nullable String message, Throwable cause) {
		super(message, cause);
	}

}
