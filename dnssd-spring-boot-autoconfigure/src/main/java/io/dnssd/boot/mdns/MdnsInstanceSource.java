package io.dnssd.boot.mdns;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.dnssd.boot.model.InstanceSource;
import io.dnssd.boot.model.LookupFailedException;
import io.dnssd.boot.model.Resolution;
import io.dnssd.boot.model.ServiceEnumeration;
import io.dnssd.boot.model.ServiceName;
import io.dnssd.boot.model.UnresolvableServiceException;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * Resolves services from what is heard on the local link, browsing each service from its
 * first lookup on. Changes are pushed to subscribers as announcements and goodbyes
 * arrive.
 */
final class MdnsInstanceSource implements InstanceSource {

	private static final Name ENUMERATION = Name.fromConstantString("_services._dns-sd._udp.local.");

	private static final String TCP_SUFFIX = "._tcp";

	private final MdnsEngine engine;

	private final MdnsBrowser browser;

	private final Duration initialWait;

	private final String description;

	MdnsInstanceSource(MdnsEngine engine, Duration initialWait) {
		this.engine = engine;
		this.browser = engine.browser();
		this.initialWait = initialWait;
		this.description = engine.description();
	}

	@Override
	public Resolution resolve(String serviceId) {
		return this.browser.resolve(serviceType(serviceId), this.initialWait);
	}

	/**
	 * Lists the service types peers and this host announce. The answer comes from the
	 * multicast DNS cache, which follows announcements and goodbyes by itself, so it
	 * carries no TTL of its own.
	 */
	@Override
	public ServiceEnumeration enumerate() {
		Set<String> ids = new LinkedHashSet<>();
		for (Name type : this.browser.pointers(ENUMERATION, this.initialWait)) {
			serviceId(type).ifPresent(ids::add);
		}
		return new ServiceEnumeration(ids, Duration.ZERO);
	}

	/**
	 * Stops browsing the service's type.
	 */
	@Override
	public void release(String serviceId) {
		try {
			this.browser.stopBrowsing(serviceType(serviceId));
		}
		catch (UnresolvableServiceException ex) {
			// never browsed: the service id cannot be looked up
		}
	}

	/**
	 * Checks that the multicast sockets are open and messages are received.
	 * @throws LookupFailedException if not
	 */
	@Override
	public void probe() {
		try {
			this.engine.probe();
		}
		catch (IllegalStateException ex) {
			throw new LookupFailedException(ex.getMessage(), ex);
		}
	}

	@Override
	public void subscribe(Consumer<String> listener) {
		this.browser.addListener((name) -> serviceId(name).ifPresent(listener));
	}

	@Override
	public String description() {
		return this.description;
	}

	private static Name serviceType(String serviceId) {
		try {
			return Name.fromString(ServiceName.parse(serviceId).serviceType(), MdnsRecords.LOCAL);
		}
		catch (TextParseException | IllegalArgumentException ex) {
			throw new UnresolvableServiceException(
					"Service '" + serviceId + "' cannot be looked up with multicast DNS: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The service id of a type such as {@code _calc._tcp.local.}, if it is one.
	 * @param type the service type
	 * @return the service id, empty for anything else
	 */
	private static Optional<String> serviceId(Name type) {
		if (type.labels() != 4 || !type.subdomain(MdnsRecords.LOCAL)) {
			return Optional.empty();
		}
		String relative = type.relativize(MdnsRecords.LOCAL).toString(true);
		if (!relative.startsWith("_") || !relative.toLowerCase(Locale.ROOT).endsWith(TCP_SUFFIX)) {
			return Optional.empty();
		}
		try {
			return Optional.of(ServiceName.parse(relative).name());
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
