package io.dnssd.boot.model;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Name of a DNS-SD service, the {@code <name>} in {@code _<name>._tcp} (RFC 6763 §7).
 * <p>
 * Valid names follow the service name rules of
 * <a href="https://www.rfc-editor.org/rfc/rfc6335#section-5.1">RFC 6335 §5.1</a>: 1 to 15
 * characters, letters, digits and hyphens only, at least one letter, no hyphen at the
 * start, at the end or next to another hyphen.
 *
 * @param name the service name without underscore or protocol label, e.g. {@code calc}
 */
public record ServiceName(String name) {

	private static final int MAX_LENGTH = 15;

	private static final String PROTOCOL_LABEL = "._tcp";

	/**
	 * Creates a service name, validating it against RFC 6335.
	 * @param name the service name, e.g. {@code calc}
	 * @throws IllegalArgumentException if the name is not a valid service name
	 */
	public ServiceName {
		String problem = problemWith(name);
		if (problem != null) {
			throw new IllegalArgumentException(
					"Service name '" + name + "' is invalid: " + problem + " (RFC 6335 §5.1)");
		}
	}

	/**
	 * Parses a service name given either bare ({@code calc}) or as a service type
	 * ({@code _calc._tcp}).
	 * @param text the text to parse
	 * @return the service name
	 * @throws IllegalArgumentException if the text does not hold a valid service name
	 */
	public static ServiceName parse(String text) {
		String name = text;
		if (name.startsWith("_") && name.toLowerCase(Locale.ROOT).endsWith(PROTOCOL_LABEL)) {
			name = name.substring(1, name.length() - PROTOCOL_LABEL.length());
		}
		return new ServiceName(name);
	}

	/**
	 * Returns the service type, the two labels a DNS-SD name carries for this service.
	 * @return the service type, e.g. {@code _calc._tcp}
	 */
	public String serviceType() {
		return "_" + this.name + PROTOCOL_LABEL;
	}

	@Override
	public String toString() {
		return this.name;
	}

	private static @Nullable String problemWith(String name) {
		if (name == null || name.isEmpty()) {
			return "it is empty";
		}
		if (name.length() > MAX_LENGTH) {
			return "it has " + name.length() + " characters, at most " + MAX_LENGTH + " are allowed";
		}
		boolean hasLetter = false;
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
			hasLetter |= letter;
			if (!letter && !(c >= '0' && c <= '9') && c != '-') {
				return "character '" + c + "' at position " + (i + 1)
						+ " is not allowed, only letters, digits and hyphens are";
			}
		}
		if (!hasLetter) {
			return "it must contain at least one letter";
		}
		if (name.startsWith("-") || name.endsWith("-")) {
			return "it must not start or end with a hyphen";
		}
		if (name.contains("--")) {
			return "it must not contain two hyphens in a row";
		}
		return null;
	}

}
