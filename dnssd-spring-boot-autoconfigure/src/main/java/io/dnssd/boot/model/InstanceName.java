package io.dnssd.boot.model;

import java.nio.charset.StandardCharsets;

/**
 * Instance name of a DNS-SD service instance, the {@code <Instance>} label of
 * {@code <Instance>.<Service>.<Domain>} (RFC 6763 §4.1.1).
 * <p>
 * Any UTF-8 text of 1 to 63 bytes without ASCII control characters; spaces, dots and
 * other punctuation are allowed and escaped when the name is written inside a DNS name
 * (<a href="https://www.rfc-editor.org/rfc/rfc6763#section-4.3">RFC 6763 §4.3</a>).
 *
 * @param value the instance name as the user reads it, e.g. {@code Calc on host 1.2}
 */
public record InstanceName(String value) {

	private static final int MAX_BYTES = 63;

	/**
	 * Characters that have a meaning in master-file names and are escaped with a
	 * backslash.
	 */
	private static final String SPECIAL = "\".$();@\\";

	/**
	 * Creates an instance name, validating it against RFC 6763 §4.1.1.
	 * @param value the instance name
	 * @throws IllegalArgumentException if the name is empty, longer than 63 bytes or
	 * contains a control character
	 */
	public InstanceName {
		if (value == null || value.isEmpty()) {
			throw new IllegalArgumentException("Instance name must not be empty");
		}
		int bytes = value.getBytes(StandardCharsets.UTF_8).length;
		if (bytes > MAX_BYTES) {
			throw new IllegalArgumentException("Instance name '" + value + "' is " + bytes
					+ " bytes long in UTF-8, at most " + MAX_BYTES + " are allowed (RFC 6763 §4.1.1)");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c == 0x7F) {
				throw new IllegalArgumentException("Instance name '" + value
						+ "' contains a control character at position " + (i + 1) + " (RFC 6763 §4.1.1)");
			}
		}
	}

	/**
	 * Decodes an instance name from the raw bytes of a DNS label, as they arrive on the
	 * wire. Invalid UTF-8 sequences are replaced rather than rejected, since the result
	 * only identifies an instance.
	 * @param label the label bytes, without the length byte
	 * @return the decoded text
	 */
	public static String decode(byte[] label) {
		return new String(label, StandardCharsets.UTF_8);
	}

	/**
	 * Returns this name as a single DNS label in master-file text form, with dots,
	 * backslashes, spaces and non-ASCII bytes escaped, ready to prefix a service type.
	 * @return the escaped label, e.g. {@code Calc\032on\032host\0321\.2}
	 */
	public String toEscapedLabel() {
		StringBuilder out = new StringBuilder();
		for (byte b : this.value.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xFF;
			if (c <= 0x20 || c >= 0x7F) {
				out.append('\\').append(String.format("%03d", c));
			}
			else if (SPECIAL.indexOf(c) >= 0) {
				out.append('\\').append((char) c);
			}
			else {
				out.append((char) c);
			}
		}
		return out.toString();
	}

	@Override
	public String toString() {
		return this.value;
	}

}
