package io.dnssd.boot.mdns;

import java.net.InetSocketAddress;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;

/**
 * A multicast DNS message as it arrived.
 *
 * @param message the parsed message
 * @param source where it came from
 * @param own whether this application sent it (multicast loops back to the sender)
 */
record MdnsPacket(Message message, InetSocketAddress source, boolean own) {

	boolean isResponse() {
		return this.message.getHeader().getFlag(Flags.QR);
	}

	/**
	 * Returns whether the sender is a legacy resolver that expects a unicast reply: a
	 * query from a port other than 5353 (RFC 6762 §6.7).
	 */
	boolean isLegacyQuery() {
		return !isResponse() && this.source.getPort() != MdnsTransport.PORT;
	}

}
