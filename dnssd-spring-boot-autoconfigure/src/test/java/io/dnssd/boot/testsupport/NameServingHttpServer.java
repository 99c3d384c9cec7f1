package io.dnssd.boot.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/**
 * Real HTTP servers for the load-balancing tests: each answers every request with its own
 * name, so a test sees which instance a call reached.
 */
public final class NameServingHttpServer {

	private NameServingHttpServer() {
	}

	/**
	 * Starts a server on a free port.
	 * @param name what it answers
	 * @param address the loopback address to listen on
	 * @return the started server; stop it with {@code stop(0)}
	 * @throws IOException if it cannot listen
	 */
	public static HttpServer start(String name, InetAddress address) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
		byte[] body = name.getBytes(StandardCharsets.UTF_8);
		server.createContext("/", (exchange) -> {
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		return server;
	}

}
