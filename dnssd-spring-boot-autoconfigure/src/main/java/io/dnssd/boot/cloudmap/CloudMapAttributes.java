package io.dnssd.boot.cloudmap;

import java.net.Inet4Address;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.dnssd.boot.model.Attribute;
import io.dnssd.boot.model.Attributes;
import io.dnssd.boot.model.ServiceRegistration;

/**
 * Turns a registration into Cloud Map's RegisterInstance attributes and instance id,
 * within Cloud Map's limits: at most 30 custom attributes, keys of at most 255 and values
 * of at most 1024 printable ASCII characters, 5000 characters in all, no {@code AWS_}
 * keys.
 *
 * @see <a href=
 * "https://docs.aws.amazon.com/cloud-map/latest/api/API_RegisterInstance.html">RegisterInstance</a>
 */
final class CloudMapAttributes {

	static final String IPV4 = "AWS_INSTANCE_IPV4";

	static final String IPV6 = "AWS_INSTANCE_IPV6";

	static final String PORT = "AWS_INSTANCE_PORT";

	static final String INIT_HEALTH = "AWS_INIT_HEALTH_STATUS";

	private static final int MAX_CUSTOM = 30;

	private static final int MAX_KEY = 255;

	private static final int MAX_VALUE = 1024;

	private static final int MAX_TOTAL = 5000;

	private static final int MAX_INSTANCE_ID = 64;

	private static final Pattern KEY = Pattern.compile("[!-~]+");

	private static final Pattern VALUE = Pattern.compile("([!-~][ \\t!-~]*)?[!-~]?");

	private static final Pattern INSTANCE_ID_DISALLOWED = Pattern.compile("[^0-9a-zA-Z_/:.@-]");

	private CloudMapAttributes() {
	}

	/**
	 * Checks custom attributes against Cloud Map's limits.
	 * @param attributes the attributes
	 * @throws IllegalArgumentException naming the first attribute Cloud Map cannot hold
	 */
	static void validate(Attributes attributes) {
		if (attributes.size() > MAX_CUSTOM) {
			throw new IllegalArgumentException("Cloud Map holds at most " + MAX_CUSTOM + " custom attributes, "
					+ attributes.size() + " are configured");
		}
		int total = 0;
		for (Attribute attribute : attributes.all()) {
			String key = attribute.key();
			String value = valueOf(attribute);
			if (key.toUpperCase(Locale.ROOT).startsWith("AWS_")) {
				throw new IllegalArgumentException(
						"Attribute '" + key + "': keys starting with AWS_ are Cloud Map's own");
			}
			if (key.length() > MAX_KEY || !KEY.matcher(key).matches()) {
				throw new IllegalArgumentException("Attribute '" + key + "': Cloud Map keys are 1 to " + MAX_KEY
						+ " printable ASCII characters without spaces");
			}
			if (value.length() > MAX_VALUE || !VALUE.matcher(value).matches()) {
				throw new IllegalArgumentException("Attribute '" + key + "': Cloud Map values are at most " + MAX_VALUE
						+ " printable ASCII characters, not starting or ending with a space");
			}
			total += key.length() + value.length();
		}
		if (total > MAX_TOTAL) {
			throw new IllegalArgumentException(
					"Cloud Map holds at most " + MAX_TOTAL + " characters of attributes, " + total + " are configured");
		}
	}

	/**
	 * Builds the RegisterInstance attributes.
	 * @param registration the registration
	 * @param customHealth whether the service has a custom health check, so the instance
	 * starts UNHEALTHY until this application says otherwise
	 * @return the attributes
	 */
	static Map<String, String> of(ServiceRegistration registration, boolean customHealth) {
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put((registration.address() instanceof Inet4Address) ? IPV4 : IPV6,
				registration.address().getHostAddress());
		attributes.put(PORT, Integer.toString(registration.port()));
		if (customHealth) {
			attributes.put(INIT_HEALTH, "UNHEALTHY");
		}
		for (Attribute attribute : registration.attributes().all()) {
			attributes.put(attribute.key(), valueOf(attribute));
		}
		if (registration.priority() != 0) {
			attributes.putIfAbsent("priority", Integer.toString(registration.priority()));
		}
		if (registration.weight() != 1) {
			attributes.putIfAbsent("weight", Integer.toString(registration.weight()));
		}
		return attributes;
	}

	/**
	 * Returns the Cloud Map instance id of a registration: its instance name with
	 * characters Cloud Map does not allow replaced by hyphens, at most 64 characters.
	 * @param registration the registration
	 * @return the instance id
	 */
	static String instanceId(ServiceRegistration registration) {
		String id = INSTANCE_ID_DISALLOWED.matcher(registration.instance().value()).replaceAll("-");
		return (id.length() > MAX_INSTANCE_ID) ? id.substring(0, MAX_INSTANCE_ID) : id;
	}

	private static String valueOf(Attribute attribute) {
		String value = attribute.value();
		return (value != null) ? value : "true";
	}

}
