package io.dnssd.boot.dns;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dnssd.boot.model.ServiceName;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Turns a service id into the {@link ServiceQuery} its configuration asks for. The global
 * settings and every configured service are validated when the planner is created, so a
 * bad template, a missing port or a service name that DNS-SD cannot carry fails at
 * startup.
 */
final class ServiceQueryPlanner {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

	private static final String PREFIX = "dnssd.discovery.";

	private final @Nullable String domain;

	private final DnsDiscoveryProperties properties;

	private final LookupMode defaultLookup;

	private final Map<String, ServiceQuery> queries = new ConcurrentHashMap<>();

	private final Set<String> configuredServices;

	ServiceQueryPlanner(@Nullable String domain, DnsDiscoveryProperties properties, LookupMode backendDefault,
			Set<String> configuredServices) {
		this.domain = DomainNames.normalize(domain);
		this.properties = properties;
		this.defaultLookup = (properties.getLookup() != null) ? properties.getLookup() : backendDefault;
		this.configuredServices = Set.copyOf(configuredServices);
		validateGlobalSettings();
		properties.getServices().keySet().forEach(this::queryFor);
		configuredServices.forEach(this::queryFor);
	}

	/**
	 * Returns the query for a service, built once and then reused.
	 * @param serviceId the service id
	 * @return the query
	 * @throws InvalidConfigurationPropertyValueException naming the setting under which
	 * the service id cannot be queried
	 */
	ServiceQuery queryFor(String serviceId) {
		return this.queries.computeIfAbsent(serviceId, this::plan);
	}

	private void validateGlobalSettings() {
		if (this.defaultLookup == LookupMode.ADDRESS) {
			requirePort(PREFIX + "port", this.properties.getPort());
		}
		if (this.properties.getNameTemplate() != null) {
			expand(PREFIX + "name-template", this.properties.getNameTemplate(), "service");
		}
	}

	private ServiceQuery plan(String serviceId) {
		DnsDiscoveryProperties.Service service = this.properties.getServices().get(serviceId);
		boolean named = service != null || this.configuredServices.contains(serviceId);
		String prefix = named ? PREFIX + "services." + serviceId + "." : PREFIX;
		LookupMode mode = (service != null && service.getLookup() != null) ? service.getLookup() : this.defaultLookup;
		if (mode == LookupMode.DNS_SD) {
			return dnsSdQuery(serviceId, prefix);
		}
		String ownTemplate = (service != null) ? service.getNameTemplate() : null;
		// The global template belongs to the global lookup: a service looked up another
		// way
		// (an address lookup under a global SRV template) starts from the default name.
		String globalTemplate = (mode == this.defaultLookup) ? this.properties.getNameTemplate() : null;
		String template = (ownTemplate != null) ? ownTemplate : globalTemplate;
		String templateProperty = ((ownTemplate != null) ? prefix : PREFIX) + "name-template";
		if (template == null) {
			template = (this.domain != null) ? "{service}.{domain}" : "{service}";
		}
		String name = expand(templateProperty, template, serviceId);
		boolean absolute = name.endsWith(".") || (this.domain != null && template.contains("{domain}"));
		Integer port = null;
		if (mode == LookupMode.ADDRESS) {
			Integer ownPort = (service != null) ? service.getPort() : null;
			Integer configured = (ownPort != null) ? ownPort : this.properties.getPort();
			port = requirePort(((configured == null || ownPort != null) ? prefix : PREFIX) + "port", configured);
		}
		return new ServiceQuery(mode, stripDot(name), absolute, port);
	}

	private ServiceQuery dnsSdQuery(String serviceId, String prefix) {
		ServiceName serviceName;
		try {
			serviceName = ServiceName.parse(serviceId);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(prefix + "lookup", "dns-sd", ex.getMessage()
					+ "; DNS-SD cannot look up service '" + serviceId + "', use the 'srv' or 'address' lookup for it");
		}
		String name = serviceName.serviceType() + ((this.domain != null) ? "." + this.domain : "");
		return new ServiceQuery(LookupMode.DNS_SD, name, this.domain != null, null);
	}

	private String expand(String property, String template, String serviceId) {
		Matcher matcher = PLACEHOLDER.matcher(template);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String replacement = switch (matcher.group(1)) {
				case "service" -> serviceId;
				case "domain" -> {
					if (this.domain == null) {
						throw new InvalidConfigurationPropertyValueException(property, template,
								"{domain} is used but dnssd.domain is not set");
					}
					yield this.domain;
				}
				default -> throw new InvalidConfigurationPropertyValueException(property, template,
						"unknown placeholder {" + matcher.group(1) + "}, only {service} and {domain} are supported");
			};
			matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(out);
		if (out.isEmpty() || ".".contentEquals(out)) {
			throw new InvalidConfigurationPropertyValueException(property, template, "the name is empty");
		}
		return out.toString();
	}

	private static int requirePort(String property, @Nullable Integer port) {
		if (port == null) {
			throw new InvalidConfigurationPropertyValueException(property, null,
					"the 'address' lookup needs the port of the instances");
		}
		if (port < 1 || port > 65535) {
			throw new InvalidConfigurationPropertyValueException(property, port, "must be between 1 and 65535");
		}
		return port;
	}

	private static String stripDot(String name) {
		return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
	}

}
