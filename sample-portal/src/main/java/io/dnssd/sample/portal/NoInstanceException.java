package io.dnssd.sample.portal;

/**
 * Thrown when a service the portal calls has no instance registered.
 */
class NoInstanceException extends RuntimeException {

	private final String service;

	NoInstanceException(String service) {
		super("No instance of '" + service + "' is registered; start one and it is found within seconds");
		this.service = service;
	}

	String getService() {
		return this.service;
	}

}
