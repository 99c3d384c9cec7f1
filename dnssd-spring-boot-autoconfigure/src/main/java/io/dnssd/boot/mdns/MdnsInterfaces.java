package io.dnssd.boot.mdns;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Resolves {@code dnssd.mdns.interfaces} to network interfaces, at startup, so a name
 * that does not exist is reported before anything is sent.
 */
final class MdnsInterfaces {

	static final String PROPERTY = "dnssd.mdns.interfaces";

	private MdnsInterfaces() {
	}

	/**
	 * Returns the named interfaces, or the loopback interface when none is named.
	 * @param names interface names
	 * @return the interfaces, in the given order
	 * @throws InvalidConfigurationPropertyValueException naming the property when an
	 * interface does not exist
	 * @throws IllegalStateException when no loopback interface is found
	 */
	static List<NetworkInterface> resolve(List<String> names) {
		try {
			if (names.isEmpty()) {
				return List.of(loopback());
			}
			List<NetworkInterface> interfaces = new ArrayList<>();
			for (String name : names) {
				NetworkInterface found = NetworkInterface.getByName(name.trim());
				if (found == null) {
					throw new InvalidConfigurationPropertyValueException(PROPERTY, name,
							"it is not an interface of this machine, which has " + names());
				}
				interfaces.add(found);
			}
			return List.copyOf(interfaces);
		}
		catch (SocketException ex) {
			throw new IllegalStateException(
					"Cannot list the network interfaces for " + PROPERTY + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Returns the first address of the first interface, IPv4 before IPv6: the address
	 * this application registers by default.
	 * @param interfaces the interfaces
	 * @return the address, or empty when the interfaces have none
	 */
	static Optional<InetAddress> firstAddress(List<NetworkInterface> interfaces) {
		for (NetworkInterface networkInterface : interfaces) {
			List<InetAddress> addresses = Collections.list(networkInterface.getInetAddresses());
			Optional<InetAddress> v4 = addresses.stream().filter(Inet4Address.class::isInstance).findFirst();
			if (v4.isPresent()) {
				return v4;
			}
			if (!addresses.isEmpty()) {
				return Optional.of(addresses.get(0));
			}
		}
		return Optional.empty();
	}

	private static NetworkInterface loopback() throws SocketException {
		for (NetworkInterface candidate : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (candidate.isLoopback()) {
				return candidate;
			}
		}
		throw new IllegalStateException("No loopback interface found; set " + PROPERTY + " to the interfaces to use");
	}

	private static List<String> names() throws SocketException {
		return Collections.list(NetworkInterface.getNetworkInterfaces())
			.stream()
			.map(NetworkInterface::getName)
			.toList();
	}

}
