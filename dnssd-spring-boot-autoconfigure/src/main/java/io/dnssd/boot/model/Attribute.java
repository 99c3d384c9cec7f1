package io.dnssd.boot.model;

import org.jspecify.annotations.Nullable;

/**
 * One attribute of an instance, whatever the backend keeps it in: a DNS-SD TXT string
 * ({@code key=value}, or a boolean {@code key} without a value, RFC 6763 §6), a Cloud Map
 * custom attribute, Spring Cloud metadata. Only what every backend shares is checked
 * here; each backend checks its own size limits (TXT strings hold 255 bytes, Cloud Map
 * values 1,024 characters).
 *
 * @param key the key: printable US-ASCII without {@code =}, at least one character
 * @param value the value, {@code null} for a boolean attribute (a key without a value)
 */
public record Attribute(String key, @Nullable String value) {

	/**
	 * Creates an attribute, validating its key.
	 * @param key the key
	 * @param value the value or {@code null}
	 * @throws IllegalArgumentException if the key is empty, contains {@code =} or a
	 * character that is not printable US-ASCII
	 */
	public Attribute {
		String problem = keyProblem(key);
		if (problem != null) {
			throw new IllegalArgumentException("Attribute key '" + key + "' is invalid: " + problem);
		}
	}

	/**
	 * Returns whether this is a boolean attribute, a key present without a value.
	 * @return {@code true} for a key without a value
	 */
	public boolean isBoolean() {
		return this.value == null;
	}

	/**
	 * Returns the attribute as DNS-SD writes it in a TXT string.
	 * @return {@code key=value}, or {@code key} for a boolean attribute
	 */
	public String toTxtString() {
		return (this.value != null) ? this.key + "=" + this.value : this.key;
	}

	/**
	 * Returns what is wrong with a key, if anything.
	 * @param key the key
	 * @return the problem, or {@code null} for a valid key
	 */
	public static @Nullable String keyProblem(@Nullable String key) {
		if (key == null || key.isEmpty()) {
			return "it is empty (RFC 6763 §6.4)";
		}
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (c == '=') {
				return "it contains '=' (RFC 6763 §6.4)";
			}
			if (c < 0x20 || c > 0x7E) {
				return "character at position " + (i + 1) + " is not printable US-ASCII (RFC 6763 §6.4)";
			}
		}
		return null;
	}

}
