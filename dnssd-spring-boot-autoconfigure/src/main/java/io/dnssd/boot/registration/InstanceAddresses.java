package io.dnssd.boot.registration;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.cloud.commons.util.InetUtils;

/**
 * Chooses the address this application registers: {@code dnssd.registration.address} if
 * set, else {@code server.address} when it names one address (not a wildcard), else the
 * ECS task's awsvpc address, else the address the registrar answers on (the multicast DNS
 * interface's), else the first non-loopback address Spring Cloud's {@link InetUtils}
 * finds (which honours {@code spring.cloud.inetutils.preferred-networks} and
 * {@code ignored-interfaces}). An address chosen by default must be private, loopback or
 * link-local: a public address is registered only when configured.
 */
final class InstanceAddresses {

	static final String PROPERTY = "dnssd.registration.address";

	private InstanceAddresses() {
	}

	static InetAddress choose(@Nullable String configured, Supplier<Optional<EcsTaskMetadata>> ecs,
			Supplier<Optional<InetAddress>> registrarAddress, InetUtils inetUtils) {
		if (configured != null) {
			return parse(configured, PROPERTY);
		}
		Optional<String> awsvpc = ecs.get().flatMap(EcsTaskMetadata::awsvpcAddress);
		if (awsvpc.isPresent()) {
			return parse(awsvpc.get(), EcsTaskMetadata.URI_VARIABLE);
		}
		Optional<InetAddress> local = registrarAddress.get();
		if (local.isPresent()) {
			return local.get();
		}
		String found = inetUtils.findFirstNonLoopbackHostInfo().getIpAddress();
		InetAddress address = parse(found, "spring.cloud.inetutils");
		if (!isPrivate(address)) {
			throw new InvalidConfigurationPropertyValueException(PROPERTY, found,
					"it is not set, and the only address the network scan found, " + found + ", is public; set "
							+ PROPERTY + " to register it, or choose another network with "
							+ "spring.cloud.inetutils.preferred-networks");
		}
		return address;
	}

	/**
	 * Returns the one address the web server listens on.
	 * @param serverAddress the value of {@code server.address}
	 * @return its IP address, or {@code null} when it is unset or a wildcard
	 */
	static @Nullable String boundAddress(@Nullable String serverAddress) {
		if (serverAddress == null || serverAddress.isBlank()) {
			return null;
		}
		try {
			InetAddress address = InetAddress.getByName(serverAddress.trim());
			return address.isAnyLocalAddress() ? null : address.getHostAddress();
		}
		catch (UnknownHostException ex) {
			throw new InvalidConfigurationPropertyValueException("server.address", serverAddress,
					"not an address this host can resolve");
		}
	}

	static boolean isPrivate(InetAddress address) {
		if (address.isSiteLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()) {
			return true;
		}
		byte[] bytes = address.getAddress();
		if (address instanceof Inet6Address) {
			return (bytes[0] & 0xFE) == 0xFC;
		}
		return (bytes[0] & 0xFF) == 100 && (bytes[1] & 0xC0) == 64;
	}

	private static boolean isAddressCharacter(int c) {
		return c == ':' || c == '.' || c == '[' || c == ']' || Character.digit(c, 16) >= 0;
	}

	private static InetAddress parse(String text, String source) {
		String trimmed = text.trim();
		if (trimmed.isEmpty() || !trimmed.chars().allMatch(InstanceAddresses::isAddressCharacter)) {
			throw new InvalidConfigurationPropertyValueException(source, text, "not an IP address");
		}
		try {
			return InetAddress.getByName(trimmed);
		}
		catch (UnknownHostException ex) {
			throw new InvalidConfigurationPropertyValueException(source, text, "not an IP address");
		}
	}

}
