package io.dnssd.boot.dns;

import java.net.InetSocketAddress;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

import org.springframework.context.ApplicationContext;

/**
 * Lets tests in other packages run the package-private {@link UpdateServerLocator} on an
 * application's DNS client.
 */
public final class DnsQueryClientAccess {

	private final DnsQueryClient client;

	/**
	 * Creates access to an application's DNS client.
	 * @param context the application
	 */
	public DnsQueryClientAccess(ApplicationContext context) {
		this.client = context.getBean(DnsQueryClient.class);
	}

	/**
	 * Finds the update server of a zone the way registration does without
	 * {@code dnssd.dns.update.server}.
	 * @param zone the zone
	 * @return the primary's address and port 53
	 * @throws TextParseException if the zone is not a DNS name
	 */
	public InetSocketAddress updateServerOf(String zone) throws TextParseException {
		return new UpdateServerLocator(this.client, Name.fromString(zone + ".")).get();
	}

}
