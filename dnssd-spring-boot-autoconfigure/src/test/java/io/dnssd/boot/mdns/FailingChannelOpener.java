package io.dnssd.boot.mdns;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Opens real datagram channels, but refuses the one with the given number (counted from
 * 1) once, as an interface that cannot join the group would.
 */
final class FailingChannelOpener implements MdnsTransport.ChannelOpener {

	private final List<DatagramChannel> opened = new CopyOnWriteArrayList<>();

	private int refuse;

	FailingChannelOpener(int refuse) {
		this.refuse = refuse;
	}

	@Override
	public synchronized DatagramChannel open(StandardProtocolFamily family) throws IOException {
		if (--this.refuse == 0) {
			throw new IOException("refused on purpose");
		}
		DatagramChannel channel = DatagramChannel.open(family);
		this.opened.add(channel);
		return channel;
	}

	List<DatagramChannel> opened() {
		return this.opened;
	}

}
