package io.dnssd.sample.time;

/**
 * Thrown when a {@link GoLayout} cannot be used; the message says why and where.
 */
public class InvalidLayoutException extends IllegalArgumentException {

	/**
	 * Creates an exception.
	 * @param message what is wrong with the layout
	 */
	public InvalidLayoutException(String message) {
		super(message);
	}

}
