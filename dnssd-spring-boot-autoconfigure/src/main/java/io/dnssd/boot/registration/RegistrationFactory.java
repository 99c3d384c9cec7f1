package io.dnssd.boot.registration;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import io.dnssd.boot.model.Attribute;
import io.dnssd.boot.model.Attributes;
import io.dnssd.boot.model.InstanceName;
import io.dnssd.boot.model.ServiceName;
import io.dnssd.boot.model.ServiceRegistration;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Builds this application's {@link ServiceRegistration} from
 * {@code dnssd.registration.*}. Everything that does not depend on the port is validated
 * when the factory is created, at startup, with errors that name the property at fault.
 */
public final class RegistrationFactory {

	private static final String PREFIX = "dnssd.registration.";

	private final ServiceName service;

	private final @Nullable InstanceName instanceId;

	private final InetAddress address;

	private final @Nullable Integer port;

	private final int priority;

	private final int weight;

	private final Attributes attributes;

	private final Map<String, String> propertyByKey = new LinkedHashMap<>();

	private final Map<Integer, Integer> hostPorts;

	/**
	 * Creates a factory, validating the properties.
	 * @param properties the registration properties
	 * @param applicationName {@code spring.application.name}, if set
	 * @param address the address to register
	 * @param buildVersion the build-info version, if known
	 * @param hostPorts host port by container port, when the container's ports are mapped
	 * (ECS bridge mode)
	 * @throws InvalidConfigurationPropertyValueException naming the property at fault
	 */
	public RegistrationFactory(RegistrationProperties properties, @Nullable String applicationName, InetAddress address,
			@Nullable String buildVersion, Map<Integer, Integer> hostPorts) {
		this.hostPorts = Map.copyOf(hostPorts);
		this.service = serviceName(properties, applicationName);
		String instanceId = properties.getInstanceId();
		this.instanceId = (instanceId != null)
				? validated(PREFIX + "instance-id", instanceId, () -> new InstanceName(instanceId)) : null;
		this.address = address;
		this.port = (properties.getPort() != null) ? inRange(PREFIX + "port", properties.getPort(), 1) : null;
		this.priority = inRange(PREFIX + "priority", properties.getPriority(), 0);
		this.weight = inRange(PREFIX + "weight", properties.getWeight(), 0);
		this.attributes = attributes(properties, buildVersion, this.propertyByKey);
	}

	/**
	 * Returns the attributes every registration publishes.
	 * @return the attributes
	 */
	public Attributes attributes() {
		return this.attributes;
	}

	/**
	 * Returns the service name.
	 * @return the service
	 */
	public ServiceName service() {
		return this.service;
	}

	/**
	 * Builds the registration for the port the application listens on; the configured
	 * port, if any, wins, then the host port it is mapped to.
	 * @param listeningPort the web server's port
	 * @return the registration
	 * @throws InvalidConfigurationPropertyValueException if the default instance id does
	 * not fit DNS
	 */
	public ServiceRegistration create(int listeningPort) {
		int port = (this.port != null) ? this.port : this.hostPorts.getOrDefault(listeningPort, listeningPort);
		InstanceName instance = (this.instanceId != null) ? this.instanceId
				: validated(PREFIX + "instance-id", null, () -> new InstanceName(defaultInstanceId(port)));
		return new ServiceRegistration(this.service, instance, this.address, port, this.priority, this.weight,
				this.attributes);
	}

	private String defaultInstanceId(int port) {
		String host = this.address.getHostAddress().replaceAll("[^A-Za-z0-9]+", "-");
		return this.service.name() + "-" + host + "-" + port;
	}

	private static ServiceName serviceName(RegistrationProperties properties, @Nullable String applicationName) {
		String property = (properties.getServiceName() != null) ? PREFIX + "service-name" : "spring.application.name";
		String name = (properties.getServiceName() != null) ? properties.getServiceName() : applicationName;
		if (name == null || name.isBlank()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "service-name", null,
					"set it or spring.application.name to name the service this application registers");
		}
		return validated(property, name, () -> new ServiceName(name));
	}

	/**
	 * Returns the property an attribute was configured with, for error messages.
	 * @param key the attribute's key
	 * @return e.g. {@code dnssd.registration.metadata.team}
	 */
	public String propertyOf(String key) {
		return this.propertyByKey.getOrDefault(key.toLowerCase(Locale.ROOT), PREFIX + "metadata");
	}

	private static Attributes attributes(RegistrationProperties properties, @Nullable String buildVersion,
			Map<String, String> propertyByKey) {
		Map<String, String> attributes = new LinkedHashMap<>();
		String version = (properties.getVersion() != null) ? properties.getVersion() : buildVersion;
		putValidated(attributes, propertyByKey, PREFIX + "version", "version", version);
		putValidated(attributes, propertyByKey, PREFIX + "stage", "stage", properties.getStage());
		putValidated(attributes, propertyByKey, PREFIX + "zone", "zone", properties.getZone());
		properties.getMetadata()
			.forEach((key, value) -> putValidated(attributes, propertyByKey, PREFIX + "metadata." + key, key, value));
		return Attributes.of(attributes);
	}

	private static void putValidated(Map<String, String> attributes, Map<String, String> propertyByKey, String property,
			String key, @Nullable String value) {
		if (value != null) {
			validated(property, value, () -> new Attribute(key, value));
			attributes.putIfAbsent(key, value);
			propertyByKey.putIfAbsent(key.toLowerCase(Locale.ROOT), property);
		}
	}

	private static int inRange(String property, int value, int min) {
		if (value < min || value > 0xFFFF) {
			throw new InvalidConfigurationPropertyValueException(property, value,
					"must be between " + min + " and 65535");
		}
		return value;
	}

	private static <T> T validated(String property, @Nullable Object value, Supplier<T> factory) {
		try {
			return factory.get();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(property, value, ex.getMessage());
		}
	}

}
