package io.dnssd.boot.model;

import java.net.InetAddress;

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
	 * Returns a label usable as a host name for this instance's SRV target: the instance name
	 * in lower case with every character other than a letter, digit or hyphen replaced by a
	 * hyphen (RFC 952, RFC 1123 §2.1).
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
