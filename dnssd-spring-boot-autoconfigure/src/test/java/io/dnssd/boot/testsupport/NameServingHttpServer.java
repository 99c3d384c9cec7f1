package io.dnssd.boot.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.sun.net.httpserver.HttpServer;

/**
 * Real HTTP servers for the load-balancing tests: each answers every request with its own
 * name, so a test sees which instance a call reached.
 */
public final class NameServingHttpServer {

	private NameServingHttpServer() {
	}

	/**
	 * Runs a server in a JVM of its own, so a test can kill it: prints
	 * {@code port=<port>} once it listens on the loopback address, then serves until the
	 * process ends.
	 * @param args the name it answers
	 * @throws IOException if it cannot listen
	 */
	public static void main(String[] args) throws IOException {
		HttpServer server = start(args[0], InetAddress.getLoopbackAddress());
		System.out.println("port=" + server.getAddress().getPort());
		System.out.flush();
	}

	/**
	 * Starts a server on a free port.
	 * @param name what it answers
	 * @param address the loopback address to listen on
	 * @return the started server; stop it with {@code stop(0)}
	 * @throws IOException if it cannot listen
	 */
	public static HttpServer start(String name, InetAddress address) throws IOException {
		return start(name, new InetSocketAddress(address, 0));
	}

	/**
	 * Starts a server on a given address and port.
	 * @param name what it answers
	 * @param address the loopback address and port to listen on
	 * @return the started server; stop it with {@code stop(0)}
	 * @throws IOException if it cannot listen
	 */
	public static HttpServer start(String name, InetSocketAddress address) throws IOException {
		return start(name, address, Duration.ZERO);
	}

	/**
	 * Starts a server on a free port that takes its time over every answer, one request
	 * at a time.
	 * @param name what it answers
	 * @param address the loopback address to listen on
	 * @param delay how long each answer takes
	 * @return the started server; stop it with {@code stop(0)}
	 * @throws IOException if it cannot listen
	 */
	public static HttpServer startSlow(String name, InetAddress address, Duration delay) throws IOException {
		return start(name, new InetSocketAddress(address, 0), delay);
	}

	private static HttpServer start(String name, InetSocketAddress address, Duration delay) throws IOException {
		HttpServer server = HttpServer.create(address, 0);
		byte[] body = name.getBytes(StandardCharsets.UTF_8);
		server.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			if (!delay.isZero()) {
				try {
					Thread.sleep(delay.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		return server;
	}

}
