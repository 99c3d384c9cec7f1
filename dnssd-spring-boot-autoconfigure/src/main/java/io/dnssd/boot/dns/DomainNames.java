package io.dnssd.boot.dns;

import org.jspecify.annotations.Nullable;

/**
 * Normalizes the configured domain.
 */
final class DomainNames {

	private DomainNames() {
	}

	/**
	 * Returns the domain without a trailing dot, or {@code null} when it is not set or
	 * blank.
	 * @param domain the configured domain
	 * @return the normalized domain
	 */
	static @Nullable String normalize(@Nullable String domain) {
		if (domain == null || domain.isBlank()) {
			return null;
		}
		String trimmed = domain.trim();
		return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
	}

}
