package io.dnssd.boot.model;

/**
 * One reachable instance of a service, as any backend resolves it.
 *
 * @param id identifier, unique within the service: the DNS-SD instance name, the SRV
 * target and port, or the backend's own instance id
 * @param host IP address (or host name) to connect to
 * @param port TCP port, 1 to 65535
 * @param secure whether the instance expects TLS
 * @param priority SRV priority, 0 to 65535; lower values are preferred (RFC 2782)
 * @param weight SRV weight, 0 to 65535; relative share within one priority (RFC 2782)
 * @param attributes TXT attributes (RFC 6763 §6)
 */
public record Instance(String id, String host, int port, boolean secure, int priority, int weight,
		Attributes attributes) {

	/** TXT key that marks an instance as expecting TLS. */
	public static final String SECURE_KEY = "secure";

	private static final int MAX_UNSIGNED_SHORT = 0xFFFF;

	private static final int HTTPS_PORT = 443;

	/**
	 * Creates an instance, validating every field.
	 * @throws IllegalArgumentException naming the field that is out of range or empty
	 */
	public Instance {
		if (id == null || id.isBlank()) {
			throw new IllegalArgumentException("Instance id must not be empty");
		}
		if (host == null || host.isBlank()) {
			throw new IllegalArgumentException("Host of instance '" + id + "' must not be empty");
		}
		requireRange(id, "port", port, 1);
		requireRange(id, "priority", priority, 0);
		requireRange(id, "weight", weight, 0);
		if (attributes == null) {
			throw new IllegalArgumentException("Attributes of instance '" + id + "' must not be null");
		}
	}

	/**
	 * Decides whether an instance expects TLS: its TXT attributes hold {@code secure} as
	 * a boolean attribute or with the value {@code true}, or it listens on port 443.
	 * @param attributes the instance's attributes
	 * @param port the instance's port
	 * @return {@code true} if the instance expects TLS
	 */
	public static boolean isSecure(Attributes attributes, int port) {
		return attributes.get(SECURE_KEY)
			.map((secure) -> secure.isBoolean() || "true".equalsIgnoreCase(secure.value()))
			.orElse(port == HTTPS_PORT);
	}

	private static void requireRange(String id, String field, int value, int min) {
		if (value < min || value > MAX_UNSIGNED_SHORT) {
			throw new IllegalArgumentException("The " + field + " of instance '" + id + "' is " + value
					+ ", it must be between " + min + " and " + MAX_UNSIGNED_SHORT);
		}
	}

}
