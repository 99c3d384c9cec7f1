package io.dnssd.boot.model;

/**
 * The limits a registry puts on the attributes it holds, beyond the neutral rules of
 * {@link Attribute}: a TXT string's 255 bytes, Cloud Map's 30 attributes of at most 1,024
 * characters.
 */
@FunctionalInterface
public interface AttributeLimits {

	/** No limits beyond the neutral rules. */
	AttributeLimits NONE = (attributes) -> {
	};

	/**
	 * Checks attributes against the limits, at startup.
	 * @param attributes the attributes this application will publish
	 * @throws IllegalArgumentException naming the attribute that the registry cannot hold
	 */
	void check(Attributes attributes);

}
