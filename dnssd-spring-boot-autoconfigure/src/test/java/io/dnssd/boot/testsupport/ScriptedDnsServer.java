package io.dnssd.boot.testsupport;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Message;

/**
 * A DNS responder on a free port of 127.0.0.1 (UDP and TCP) that answers whatever its
 * current {@link Script} says: well-formed answers, or the truncated, mismatched,
 * malformed and oversized messages no real server sends, or nothing at all. The script
 * can be changed while the server runs.
 */
public final class ScriptedDnsServer implements AutoCloseable {

	private final DatagramSocket udp;

	private final ServerSocket tcp;

	private final AtomicReference<Script> script;

	private final AtomicInteger queries = new AtomicInteger();

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final Set<Socket> connections = ConcurrentHashMap.newKeySet();

	private ScriptedDnsServer(DatagramSocket udp, ServerSocket tcp, Script script) {
		this.udp = udp;
		this.tcp = tcp;
		this.script = new AtomicReference<>(script);
	}

	/**
	 * Starts a responder.
	 * @param script what it answers first
	 * @return the running responder
	 * @throws IOException if no port is free on loopback
	 */
	public static ScriptedDnsServer start(Script script) throws IOException {
		InetAddress loopback = InetAddress.getByName("127.0.0.1");
		for (int attempt = 0; attempt < 20; attempt++) {
			DatagramSocket udp = new DatagramSocket(0, loopback);
			try {
				ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 50, loopback);
				ScriptedDnsServer server = new ScriptedDnsServer(udp, tcp, script);
				server.threads.execute(server::serveUdp);
				server.threads.execute(server::serveTcp);
				return server;
			}
			catch (IOException ex) {
				udp.close();
			}
		}
		throw new IOException("No port free for both UDP and TCP on 127.0.0.1");
	}

	/**
	 * Says what the responder answers from now on.
	 * @param script the new script
	 */
	public void answer(Script script) {
		this.script.set(script);
	}

	/**
	 * The address to give as a DNS server.
	 * @return {@code 127.0.0.1:port}
	 */
	public String address() {
		return "127.0.0.1:" + this.udp.getLocalPort();
	}

	/**
	 * Counts the queries received, over UDP and TCP.
	 * @return the queries so far
	 */
	public int queries() {
		return this.queries.get();
	}

	private void serveUdp() {
		byte[] buffer = new byte[65535];
		while (!this.udp.isClosed()) {
			try {
				DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
				this.udp.receive(packet);
				this.queries.incrementAndGet();
				Message query = parse(Arrays.copyOf(packet.getData(), packet.getLength()));
				if (query == null) {
					continue;
				}
				for (byte[] reply : this.script.get().udp(query)) {
					this.udp.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
				}
			}
			catch (IOException ex) {
				// closed, or one reply could not be sent
			}
		}
	}

	private void serveTcp() {
		while (!this.tcp.isClosed()) {
			try {
				Socket connection = this.tcp.accept();
				this.connections.add(connection);
				this.threads.execute(() -> serveConnection(connection));
			}
			catch (IOException ex) {
				// closed
			}
		}
	}

	private void serveConnection(Socket connection) {
		try (connection) {
			connection.setSoTimeout(5000);
			DataInputStream in = new DataInputStream(connection.getInputStream());
			OutputStream out = connection.getOutputStream();
			while (true) {
				byte[] bytes = new byte[in.readUnsignedShort()];
				in.readFully(bytes);
				this.queries.incrementAndGet();
				Message query = parse(bytes);
				byte[] reply = (query != null) ? this.script.get().tcp(query) : null;
				if (reply == null) {
					return;
				}
				out.write(reply);
				out.flush();
			}
		}
		catch (IOException ex) {
			// the client closed the connection, or the script cut it
		}
		finally {
			this.connections.remove(connection);
		}
	}

	private static @Nullable Message parse(byte[] bytes) {
		try {
			return new Message(bytes);
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * Frames a message for TCP: its two-byte length, then the message.
	 * @param message the message's wire form
	 * @return the bytes to write on the stream
	 */
	public static byte[] framed(byte[] message) {
		return ByteBuffer.allocate(2 + message.length).putShort((short) message.length).put(message).array();
	}

	@Override
	public void close() throws InterruptedException {
		this.udp.close();
		try {
			this.tcp.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		for (Socket connection : this.connections) {
			try {
				connection.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
		this.threads.shutdownNow();
		this.threads.awaitTermination(5, TimeUnit.SECONDS);
	}

	/**
	 * What the responder sends back to one query.
	 */
	public interface Script {

		/**
		 * The datagrams sent back to a UDP query.
		 * @param query the query
		 * @return the replies, in order; none for silence
		 */
		List<byte[]> udp(Message query);

		/**
		 * The bytes written back on a TCP connection for a query.
		 * @param query the query
		 * @return the bytes, framing included (see {@link #framed(byte[])}); {@code null}
		 * closes the connection without a reply
		 */
		byte @Nullable [] tcp(Message query);

	}

}
