package io.dnssd.boot.model;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by an {@link InstanceSource} for a service id it can never resolve as
 * configured, such as {@code my_service} for a DNS-SD lookup (RFC 6335 names have no
 * underscore): retrying cannot help, so callers answer it with no instances at once and
 * do not retry.
 */
public class UnresolvableServiceException extends LookupFailedException {

	/**
	 * Creates an exception.
	 * @param message why the service cannot be resolved, naming it and the setting to
	 * change
	 * @param cause the underlying failure
	 */
	public UnresolvableServiceException(@Nullable String message, Throwable cause) {
		super(message, cause);
	}

}
