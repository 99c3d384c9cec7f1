package io.dnssd.boot.model;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * One DNS-SD TXT attribute, a {@code key=value} string or a boolean {@code key} without a
 * value (<a href="https://www.rfc-editor.org/rfc/rfc6763#section-6">RFC 6763 §6</a>).
 *
 * @param key the key: printable US-ASCII without {@code =}, at least one character
 * @param value the value, {@code null} for a boolean attribute (a key without {@code =})
 */
public record TxtAttribute(String key, @Nullable String value) {

	/** Largest size of one TXT string on the wire (RFC 6763 §6.1). */
	public static final int MAX_BYTES = 255;

	/**
	 * Creates an attribute, validating it against RFC 6763 §6.
	 * @param key the key
	 * @param value the value or {@code null}
	 * @throws IllegalArgumentException if the key is empty, contains {@code =} or a character
	 * that is not printable US-ASCII, or the encoded string exceeds 255 bytes
	 */
	public TxtAttribute {
		String problem = keyProblem(key);
		if (problem != null) {
			throw new IllegalArgumentException("TXT attribute key '" + key + "' is invalid: " + problem);
		}
		int size = encodedSize(key, value);
		if (size > MAX_BYTES) {
			throw new IllegalArgumentException("TXT attribute '" + key + "' is " + size
					+ " bytes long as key=value, at most " + MAX_BYTES + " are allowed (RFC 6763 §6.1)");
		}
	}

	/**
	 * Returns whether this is a boolean attribute, a key present without {@code =}.
	 * @return {@code true} for a key without a value
	 */
	public boolean isBoolean() {
		return this.value == null;
	}

	/**
	 * Returns the string this attribute is written as inside a TXT record.
	 * @return {@code key=value}, or {@code key} for a boolean attribute
	 */
	public String toTxtString() {
		return (this.value != null) ? this.key + "=" + this.value : this.key;
	}

	static @Nullable String keyProblem(@Nullable String key) {
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

	private static int encodedSize(String key, @Nullable String value) {
		int size = key.length();
		return (value != null) ? size + 1 + value.getBytes(StandardCharsets.UTF_8).length : size;
	}

}
