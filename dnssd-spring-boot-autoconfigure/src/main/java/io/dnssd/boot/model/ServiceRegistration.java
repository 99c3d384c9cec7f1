package io.dnssd.boot.model;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What this application publishes about itself: one instance of one service.
 *
 * @param service the service, e.g. {@code calc}
 * @param instance the instance name, unique within the service
 * @param address the address clients connect to
 * @param port the port clients connect to, 1 to 65535
 * @param priority SRV priority, 0 to 65535 (RFC 2782)
 * @param weight SRV weight, 0 to 65535 (RFC 2782)
 * @param attributes TXT attributes (RFC 6763 §6)
 */
public record ServiceRegistration(ServiceName service, InstanceName instance, InetAddress address, int port,
		int priority, int weight, Attributes attributes) {

	/**
	 * Creates a registration, validating the numbers through the {@link Instance} it
	 * describes.
	 * @throws IllegalArgumentException naming the field that is out of range
	 */
	public ServiceRegistration {
		toInstance(instance, address, port, priority, weight, attributes);
	}

	/**
	 * Returns the instance as discovery would find it.
	 * @return the instance
	 */
	public Instance toInstance() {
		return toInstance(this.instance, this.address, this.port, this.priority, this.weight, this.attributes);
	}

	/**
	 * Returns this registration with one more attribute, replacing one with the same key.
	 * @param key the key
	 * @param value the value, {@code null} for a boolean attribute
	 * @return the new registration
	 * @throws IllegalArgumentException if the key is invalid
	 */
	public ServiceRegistration withAttribute(String key, @Nullable String value) {
		Map<String, @Nullable String> all = new LinkedHashMap<>();
		all.put(key, value);
		this.attributes.all().forEach((attribute) -> {
			if (!attribute.key().equalsIgnoreCase(key)) {
				all.put(attribute.key(), attribute.value());
			}
		});
		return new ServiceRegistration(this.service, this.instance, this.address, this.port, this.priority, this.weight,
				Attributes.of(all));
	}

	/**
	 * Returns this registration with another SRV priority and weight.
	 * @param priority the priority, 0 to 65535
	 * @param weight the weight, 0 to 65535
	 * @return the new registration
	 * @throws IllegalArgumentException if a number is out of range
	 */
	public ServiceRegistration withPriorityAndWeight(int priority, int weight) {
		return new ServiceRegistration(this.service, this.instance, this.address, this.port, priority, weight,
				this.attributes);
	}

	/**
	 * Returns a label usable as a host name for this instance's SRV target: the instance
	 * name in lower case with every character other than a letter, digit or hyphen
	 * replaced by a hyphen (RFC 952, RFC 1123 §2.1).
	 * @return the host label, e.g. {@code calc-10-0-0-5-8080}
	 */
	public String hostLabel() {
		StringBuilder label = new StringBuilder();
		this.instance.value().codePoints().forEach((c) -> {
			boolean ldh = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
			label.append(ldh ? Character.toLowerCase((char) c) : '-');
		});
		String trimmed = label.toString().replaceAll("^-+|-+$", "");
		return trimmed.isEmpty() ? "instance" : trimmed;
	}

	private static Instance toInstance(InstanceName instance, InetAddress address, int port, int priority, int weight,
			Attributes attributes) {
		return new Instance(instance.value(), address.getHostAddress(), port, Instance.isSecure(attributes, port),
				priority, weight, attributes);
	}

}
