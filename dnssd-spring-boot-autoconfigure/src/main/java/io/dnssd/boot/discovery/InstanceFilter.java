package io.dnssd.boot.discovery;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.dnssd.boot.model.Attribute;
import io.dnssd.boot.model.Instance;

/**
 * Attributes an instance must carry to be used, as Cloud Map's query parameters select
 * instances. Keys compare case-insensitively, values exactly; a boolean attribute (a key
 * without a value) matches {@code true}.
 */
public final class InstanceFilter {

	private static final InstanceFilter NONE = new InstanceFilter(Map.of());

	private final Map<String, String> required;

	private InstanceFilter(Map<String, String> required) {
		this.required = required;
	}

	/**
	 * Creates a filter from global and service-specific attributes; a service's value
	 * replaces a global one with the same key.
	 * @param global attributes every instance must carry
	 * @param service attributes this service's instances must also carry
	 * @return the filter
	 */
	public static InstanceFilter of(Map<String, String> global, Map<String, String> service) {
		if (global.isEmpty() && service.isEmpty()) {
			return NONE;
		}
		Map<String, String> required = new LinkedHashMap<>();
		global.forEach((key, value) -> required.put(key.toLowerCase(Locale.ROOT), value));
		service.forEach((key, value) -> required.put(key.toLowerCase(Locale.ROOT), value));
		return new InstanceFilter(Map.copyOf(required));
	}

	/**
	 * Returns whether an instance carries every required attribute.
	 * @param instance the instance
	 * @return {@code true} if the instance may be used
	 */
	public boolean matches(Instance instance) {
		for (Map.Entry<String, String> entry : this.required.entrySet()) {
			boolean found = instance.attributes()
				.get(entry.getKey())
				.map((attribute) -> valueMatches(attribute, entry.getValue()))
				.orElse(false);
			if (!found) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Returns the required attributes.
	 * @return lower-case keys to values
	 */
	public Map<String, String> required() {
		return this.required;
	}

	private static boolean valueMatches(Attribute attribute, String expected) {
		return attribute.isBoolean() ? "true".equalsIgnoreCase(expected) : expected.equals(attribute.value());
	}

	@Override
	public String toString() {
		return this.required.toString();
	}

}
