package io.dnssd.boot.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Parses the {@code host[:port]} entries of {@code dnssd.dns.servers}.
 */
final class DnsServerAddresses {

	private static final String PROPERTY = "dnssd.dns.servers";

	private static final int DNS_PORT = 53;

	private DnsServerAddresses() {
	}

	/**
	 * Parses every entry.
	 * @param entries the configured entries
	 * @return the socket addresses, in order
	 * @throws InvalidConfigurationPropertyValueException naming the entry that is
	 * malformed
	 */
	static List<InetSocketAddress> parse(List<String> entries) {
		return parse(PROPERTY, entries);
	}

	/**
	 * Parses the entries of a property.
	 * @param property the property, named in errors (with an index when it holds several)
	 * @param entries the configured entries
	 * @return the socket addresses, in order
	 * @throws InvalidConfigurationPropertyValueException naming the entry that is
	 * malformed
	 */
	static List<InetSocketAddress> parse(String property, List<String> entries) {
		List<InetSocketAddress> addresses = new ArrayList<>();
		for (int i = 0; i < entries.size(); i++) {
			String name = (entries.size() > 1) ? property + "[" + i + "]" : property;
			addresses.add(parse(name, entries.get(i).trim()));
		}
		return addresses;
	}

	private static InetSocketAddress parse(String property, String entry) {
		String host = entry;
		int port = DNS_PORT;
		if (entry.startsWith("[")) {
			int close = entry.indexOf(']');
			if (close < 0) {
				throw invalid(property, entry, "an IPv6 address in brackets needs a closing ']'");
			}
			host = entry.substring(1, close);
			String rest = entry.substring(close + 1);
			if (!rest.isEmpty()) {
				if (!rest.startsWith(":")) {
					throw invalid(property, entry, "expected ':port' after ']'");
				}
				port = parsePort(property, entry, rest.substring(1));
			}
		}
		else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
			host = entry.substring(0, entry.indexOf(':'));
			port = parsePort(property, entry, entry.substring(entry.indexOf(':') + 1));
		}
		if (host.isEmpty()) {
			throw invalid(property, entry, "the host is empty");
		}
		try {
			return new InetSocketAddress(InetAddress.getByName(host), port);
		}
		catch (UnknownHostException ex) {
			throw invalid(property, entry, "host '" + host + "' cannot be resolved");
		}
	}

	private static int parsePort(String property, String entry, String text) {
		try {
			int port = Integer.parseInt(text);
			if (port >= 1 && port <= 65535) {
				return port;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw invalid(property, entry, "port '" + text + "' is not a number from 1 to 65535");
	}

	private static InvalidConfigurationPropertyValueException invalid(String property, String entry, String reason) {
		return new InvalidConfigurationPropertyValueException(property, entry,
				reason + "; expected 'host', 'host:port' or '[ipv6]:port'");
	}

}
