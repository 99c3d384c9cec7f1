package io.dnssd.sample.portal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;
import io.dnssd.boot.testsupport.AppProcesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceHealthTests {

	private final InstanceHealth health = new InstanceHealth(RestClient.create());

	private HttpServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void readsTheStatusOfAHealthyInstance() throws IOException {
		assertThat(this.health.status(instanceAnswering(200, "application/json", "{\"status\":\"UP\"}")))
			.isEqualTo("UP");
	}

	@Test
	void readsTheStatusOfAnInstanceThatIsDown() throws IOException {
		assertThat(this.health.status(instanceAnswering(503, "application/json", "{\"status\":\"OUT_OF_SERVICE\"}")))
			.isEqualTo("OUT_OF_SERVICE");
	}

	@Test
	void namesTheHttpStatusOfAnInstanceWithoutActuator() throws IOException {
		assertThat(this.health.status(instanceAnswering(404, "text/html", "<h1>Not Found</h1>"))).isEqualTo("HTTP 404");
		assertThat(this.health.status(instanceAnswering(404, "application/json", "{\"status\":404}")))
			.isEqualTo("HTTP 404");
	}

	@Test
	void saysUnreachableWhenNothingListens() throws IOException {
		int port = AppProcesses.freePort();
		assertThat(this.health.status(new DefaultServiceInstance("calc-1", "calc", "127.0.0.1", port, false)))
			.isEqualTo("UNREACHABLE");
	}

	private DefaultServiceInstance instanceAnswering(int status, String contentType, String body) throws IOException {
		if (this.server != null) {
			this.server.stop(0);
		}
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		this.server.createContext("/healthz", (exchange) -> {
			exchange.getResponseHeaders().add("Content-Type", contentType);
			exchange.sendResponseHeaders(status, bytes.length);
			exchange.getResponseBody().write(bytes);
			exchange.close();
		});
		this.server.start();
		URI uri = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
		return new DefaultServiceInstance("calc-1", "calc", uri.getHost(), uri.getPort(), false);
	}

}
