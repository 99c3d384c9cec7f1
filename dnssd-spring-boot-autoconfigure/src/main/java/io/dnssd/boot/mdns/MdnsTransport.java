package io.dnssd.boot.mdns;

import java.io.Closeable;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Message;

/**
 * Sends and receives multicast DNS messages on port 5353 of the configured interfaces
 * only: every channel has its outgoing interface pinned ({@code IP_MULTICAST_IF}) and
 * joins the group on that interface alone, and a message whose source lies outside the
 * interfaces' subnets is dropped. Channels share the port with other responders on the
 * machine ({@code SO_REUSEADDR}). Nothing is opened until the first message is sent, so
 * an application that neither registers nor looks anything up never touches the network.
 */
final class MdnsTransport implements AutoCloseable {

	static final int PORT = 5353;

	private static final Log logger = LogFactory.getLog(MdnsTransport.class);

	private static final int MAX_MESSAGE = 65_535;

	private static final int MULTICAST_TTL = 255;

	private static final int REMEMBERED_SENDS = 64;

	private final List<NetworkInterface> interfaces;

	private final boolean ipv6;

	private final List<Consumer<MdnsPacket>> listeners = new CopyOnWriteArrayList<>();

	private final ChannelOpener channels;

	private final Deque<Integer> recentlySent = new ArrayDeque<>();

	private final List<Endpoint> endpoints = new ArrayList<>();

	private @Nullable Selector selector;

	private @Nullable Thread receiver;

	private boolean closed;

	MdnsTransport(List<NetworkInterface> interfaces, boolean ipv6) {
		this(interfaces, ipv6, DatagramChannel::open);
	}

	MdnsTransport(List<NetworkInterface> interfaces, boolean ipv6, ChannelOpener channels) {
		this.interfaces = List.copyOf(interfaces);
		this.ipv6 = ipv6;
		this.channels = channels;
	}

	void addListener(Consumer<MdnsPacket> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Sends a message to the multicast group on every configured interface.
	 * @param message the message
	 */
	void multicast(Message message) {
		byte[] wire = message.toWire();
		for (Endpoint endpoint : endpoints()) {
			send(endpoint, wire, endpoint.group());
		}
	}

	/**
	 * Sends a message to one address, for replies to legacy unicast queries.
	 * @param message the message
	 * @param destination where to send it
	 */
	void unicast(Message message, InetSocketAddress destination) {
		byte[] wire = message.toWire();
		for (Endpoint endpoint : endpoints()) {
			if (endpoint.group().getAddress().getClass() == destination.getAddress().getClass()) {
				send(endpoint, wire, destination);
				return;
			}
		}
	}

	String description() {
		String groups = this.ipv6 ? "224.0.0.251 and ff02::fb" : "224.0.0.251";
		return "multicast DNS on " + this.interfaces.stream().map(NetworkInterface::getName).toList() + " (" + groups
				+ " port " + PORT + ")";
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		closeAll(this.selector, this.endpoints);
		Thread thread = this.receiver;
		if (thread != null) {
			thread.interrupt();
		}
	}

	private void send(Endpoint endpoint, byte[] wire, InetSocketAddress destination) {
		remember(wire);
		try {
			endpoint.channel().send(ByteBuffer.wrap(wire), destination);
		}
		catch (IOException ex) {
			logger.warn("Sending a multicast DNS message on " + endpoint.networkInterface().getName() + " failed: "
					+ ex.getMessage());
		}
	}

	synchronized List<Endpoint> endpoints() {
		if (this.closed) {
			throw new IllegalStateException("Multicast DNS transport is closed");
		}
		if (this.selector == null) {
			open();
		}
		return this.endpoints;
	}

	private void open() {
		List<Endpoint> opening = new ArrayList<>();
		Selector opened = null;
		try {
			opened = Selector.open();
			for (NetworkInterface networkInterface : this.interfaces) {
				opening.add(openEndpoint(networkInterface, StandardProtocolFamily.INET, opened));
				if (this.ipv6) {
					opening.add(openEndpoint(networkInterface, StandardProtocolFamily.INET6, opened));
				}
			}
		}
		catch (IOException ex) {
			closeAll(opened, opening);
			throw new IllegalStateException(
					"Cannot open " + description() + ": " + ex.getMessage() + "; check " + MdnsInterfaces.PROPERTY, ex);
		}
		this.endpoints.addAll(opening);
		this.selector = opened;
		Thread thread = new Thread(this::receive, "dnssd-mdns");
		thread.setDaemon(true);
		thread.start();
		this.receiver = thread;
		logger.debug("Listening on " + description());
	}

	/**
	 * Checks that every socket is open and messages are received, opening the sockets if
	 * that has not happened yet.
	 * @throws IllegalStateException if the transport is closed, cannot be opened, or a
	 * socket or the receiver is gone
	 */
	synchronized void probe() {
		for (Endpoint endpoint : endpoints()) {
			if (!endpoint.channel().isOpen()) {
				throw new IllegalStateException("The multicast DNS socket on " + endpoint.networkInterface().getName()
						+ " (" + endpoint.group().getAddress().getHostAddress() + ") is closed");
			}
		}
		Selector current = this.selector;
		Thread thread = this.receiver;
		if (current == null || !current.isOpen() || thread == null || !thread.isAlive()) {
			throw new IllegalStateException("Multicast DNS messages are no longer received on " + description());
		}
	}

	/**
	 * Returns whether the sockets are open, without opening them.
	 * @return {@code true} once opened and until closed
	 */
	synchronized boolean isOpen() {
		return this.selector != null && !this.closed;
	}

	private static void closeAll(@Nullable Selector selector, List<Endpoint> endpoints) {
		for (Endpoint endpoint : endpoints) {
			closeQuietly(endpoint.channel());
		}
		if (selector != null) {
			closeQuietly(selector);
		}
	}

	private static void closeQuietly(Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException ex) {
			logger.debug("Closing " + closeable + " failed", ex);
		}
	}

	private Endpoint openEndpoint(NetworkInterface networkInterface, StandardProtocolFamily family, Selector selector)
			throws IOException {
		InetAddress group = group(family);
		DatagramChannel channel = this.channels.open(family);
		try {
			channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			channel.bind(new InetSocketAddress(PORT));
			channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, networkInterface);
			channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, MULTICAST_TTL);
			channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
			channel.join(group, networkInterface);
			channel.configureBlocking(false);
			Endpoint endpoint = new Endpoint(networkInterface, channel, new InetSocketAddress(group, PORT));
			channel.register(selector, SelectionKey.OP_READ, endpoint);
			return endpoint;
		}
		catch (IOException ex) {
			channel.close();
			throw new IOException(networkInterface.getName() + " " + group.getHostAddress() + ": " + ex.getMessage(),
					ex);
		}
	}

	private static InetAddress group(StandardProtocolFamily family) throws UnknownHostException {
		return InetAddress.getByName((family == StandardProtocolFamily.INET) ? "224.0.0.251" : "ff02::fb");
	}

	private void receive() {
		ByteBuffer buffer = ByteBuffer.allocate(MAX_MESSAGE);
		Selector current = this.selector;
		while (current != null && current.isOpen()) {
			try {
				current.select();
				for (SelectionKey key : current.selectedKeys()) {
					Endpoint endpoint = (Endpoint) key.attachment();
					buffer.clear();
					InetSocketAddress source = (InetSocketAddress) endpoint.channel().receive(buffer);
					if (source != null) {
						deliver(endpoint, Arrays.copyOf(buffer.array(), buffer.position()), source);
					}
				}
				current.selectedKeys().clear();
			}
			catch (ClosedSelectorException ex) {
				return;
			}
			catch (IOException ex) {
				if (!current.isOpen()) {
					return;
				}
				logger.debug("Receiving a multicast DNS message failed", ex);
			}
		}
	}

	private void deliver(Endpoint endpoint, byte[] wire, InetSocketAddress source) {
		if (!isOnLink(endpoint.networkInterface(), source.getAddress())) {
			logger.debug("Dropping a multicast DNS message from " + source + ": not on "
					+ endpoint.networkInterface().getName());
			return;
		}
		Message message;
		try {
			message = new Message(wire);
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Dropping a malformed multicast DNS message from " + source + ": " + ex.getMessage());
			return;
		}
		MdnsPacket packet = new MdnsPacket(message, source, wasSent(wire));
		for (Consumer<MdnsPacket> listener : this.listeners) {
			try {
				listener.accept(packet);
			}
			catch (RuntimeException ex) {
				logger.warn("Handling a multicast DNS message from " + source + " failed: " + ex, ex);
			}
		}
	}

	private static boolean isOnLink(NetworkInterface networkInterface, InetAddress source) {
		for (InterfaceAddress address : networkInterface.getInterfaceAddresses()) {
			if (sameSubnet(address.getAddress(), source, address.getNetworkPrefixLength())) {
				return true;
			}
		}
		return source instanceof Inet6Address v6 && v6.isLinkLocalAddress()
				&& v6.getScopeId() == networkInterface.getIndex();
	}

	private static boolean sameSubnet(InetAddress interfaceAddress, InetAddress source, int prefixLength) {
		if ((interfaceAddress instanceof Inet4Address) != (source instanceof Inet4Address)) {
			return false;
		}
		byte[] a = interfaceAddress.getAddress();
		byte[] b = source.getAddress();
		for (int bit = 0; bit < prefixLength; bit++) {
			int mask = 0x80 >> (bit % 8);
			if ((a[bit / 8] & mask) != (b[bit / 8] & mask)) {
				return false;
			}
		}
		return true;
	}

	private void remember(byte[] wire) {
		synchronized (this.recentlySent) {
			this.recentlySent.addLast(Arrays.hashCode(wire));
			if (this.recentlySent.size() > REMEMBERED_SENDS) {
				this.recentlySent.removeFirst();
			}
		}
	}

	private boolean wasSent(byte[] wire) {
		synchronized (this.recentlySent) {
			return this.recentlySent.contains(Arrays.hashCode(wire));
		}
	}

	/**
	 * One socket: joined to the group on one interface.
	 *
	 * @param networkInterface the interface
	 * @param channel the socket
	 * @param group the multicast group and port
	 */
	record Endpoint(NetworkInterface networkInterface, DatagramChannel channel, InetSocketAddress group) {
	}

	/**
	 * Opens the datagram channels, {@link DatagramChannel#open(java.net.ProtocolFamily)}
	 * unless a test says otherwise.
	 */
	@FunctionalInterface
	interface ChannelOpener {

		DatagramChannel open(StandardProtocolFamily family) throws IOException;

	}

}
