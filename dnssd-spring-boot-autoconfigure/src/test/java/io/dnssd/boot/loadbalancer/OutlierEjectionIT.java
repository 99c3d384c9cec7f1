package io.dnssd.boot.loadbalancer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;
import io.dnssd.boot.actuate.DnsSdEndpoint;
import io.dnssd.boot.testsupport.NameServingHttpServer;
import io.dnssd.boot.testsupport.NamedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Outlier ejection of {@code @LoadBalanced} clients against real HTTP servers behind SRV
 * records in a real BIND: of three instances of equal priority and weight, one refuses
 * connections; it stops being chosen after the configured number of failed calls and
 * comes back once its ejection time has run out and it serves again. Retry is off, so
 * every failed call shows.
 */
class OutlierEjectionIT {

	private static final String ZONE = "outlier.test";

	private static final int CALLS = 1000;

	private static final int FAILURES = 3;

	@TempDir
	static Path directory;

	static NamedServer named;

	static List<HttpServer> servers;

	static int deadPort;

	@BeforeAll
	static void start() throws Exception {
		servers = List.of(NameServingHttpServer.start("a", InetAddress.getLoopbackAddress()),
				NameServingHttpServer.start("b", InetAddress.getLoopbackAddress()));
		try (ServerSocket reserved = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			deadPort = reserved.getLocalPort();
		}
		named = NamedServer.start(directory, ZONE, """
				_calc._tcp 1 PTR a._calc._tcp
				_calc._tcp 1 PTR b._calc._tcp
				_calc._tcp 1 PTR dead._calc._tcp
				a._calc._tcp 1 SRV 10 1 %d host
				b._calc._tcp 1 SRV 10 1 %d host
				dead._calc._tcp 1 SRV 10 1 %d host
				host 1 A 127.0.0.1
				""".formatted(servers.get(0).getAddress().getPort(), servers.get(1).getAddress().getPort(), deadPort));
	}

	@AfterAll
	static void stop() throws Exception {
		servers.forEach((server) -> server.stop(0));
		named.close();
	}

	@Test
	void restClientStopsChoosingARefusingInstanceAfterTheConfiguredFailures() {
		try (ConfigurableApplicationContext context = client("1m")) {
			RestClient client = context.getBean("loadBalancedRestClientBuilder", RestClient.Builder.class).build();
			Map<String, Long> outcomes = calls(() -> client.get().uri("http://calc/").retrieve().body(String.class));
			assertThat(outcomes).containsEntry("failed", (long) FAILURES).containsOnlyKeys("a", "b", "failed");
			LoadBalancerState.Service calc = context.getBean(DnsSdEndpoint.class).service("calc");
			assertThat(calc.instances()).hasSize(3)
				.filteredOn(LoadBalancerState.Instance::ejected)
				.singleElement()
				.satisfies((dead) -> {
					assertThat(dead.endpoint()).isEqualTo("127.0.0.1:" + deadPort);
					assertThat(dead.weight()).isEqualTo(1);
					assertThat(dead.effectiveWeight()).isZero();
					assertThat(dead.ejectedForSeconds()).isBetween(1L, 60L);
				});
		}
	}

	@Test
	void theDnssdEndpointShowsTheEjectedInstanceOverHttp() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ClientApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties(clientProperties("1m"))
			.properties("server.address=127.0.0.1", "server.port=0", "management.endpoints.web.exposure.include=dnssd")
			.run()) {
			RestClient client = context.getBean("loadBalancedRestClientBuilder", RestClient.Builder.class).build();
			assertThat(calls(() -> client.get().uri("http://calc/").retrieve().body(String.class)))
				.containsEntry("failed", (long) FAILURES);
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
			RestClient plain = RestClient.create();
			String calc = plain.get().uri(base + "/actuator/dnssd/calc").retrieve().body(String.class);
			assertThat(JsonPath.<String>read(calc, "$.choice")).isEqualTo("weighted-random");
			assertThat(JsonPath.<List<Object>>read(calc, "$.instances")).hasSize(3);
			assertThat(JsonPath.<List<String>>read(calc, "$.instances[?(@.ejected == true)].endpoint"))
				.containsExactly("127.0.0.1:" + deadPort);
			assertThat(JsonPath.<List<Integer>>read(calc, "$.instances[?(@.ejected == true)].effectiveWeight"))
				.containsExactly(0);
			assertThat(JsonPath.<List<Integer>>read(calc, "$.instances[?(@.ejected == true)].ejectedForSeconds"))
				.singleElement()
				.satisfies((seconds) -> assertThat(seconds).isBetween(1, 60));
			assertThat(JsonPath.<List<Integer>>read(calc, "$.instances[?(@.ejected == false)].effectiveWeight"))
				.containsExactly(1, 1);
			String all = plain.get().uri(base + "/actuator/dnssd").retrieve().body(String.class);
			assertThat(JsonPath.<Map<String, Object>>read(all, "$")).containsOnlyKeys("calc");
		}
	}

	@Test
	void webClientStopsChoosingARefusingInstanceAfterTheConfiguredFailures() {
		try (ConfigurableApplicationContext context = client("1m")) {
			WebClient client = context.getBean("loadBalancedWebClientBuilder", WebClient.Builder.class).build();
			Map<String, Long> outcomes = calls(
					() -> client.get().uri("http://calc/").retrieve().bodyToMono(String.class).block());
			assertThat(outcomes).containsEntry("failed", (long) FAILURES).containsOnlyKeys("a", "b", "failed");
		}
	}

	@Test
	void anEjectedInstanceThatServesAgainComesBackAfterItsEjectionTime() throws IOException {
		try (ConfigurableApplicationContext context = client("3s")) {
			RestClient client = context.getBean("loadBalancedRestClientBuilder", RestClient.Builder.class).build();
			Supplier<String> call = () -> client.get().uri("http://calc/").retrieve().body(String.class);
			long before = System.nanoTime();
			assertThat(calls(call, 60)).containsEntry("failed", (long) FAILURES);
			HttpServer revived = NameServingHttpServer.start("revived",
					new InetSocketAddress(InetAddress.getLoopbackAddress(), deadPort));
			try {
				await().atMost(Duration.ofSeconds(10)).until(() -> "revived".equals(call.get()));
				assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
				assertThat(calls(call, 300)).containsKeys("a", "b", "revived").doesNotContainKey("failed");
			}
			finally {
				revived.stop(0);
			}
		}
	}

	private static Map<String, Long> calls(Supplier<String> call) {
		return calls(call, CALLS);
	}

	private static Map<String, Long> calls(Supplier<String> call, int count) {
		return IntStream.range(0, count).mapToObj((i) -> {
			try {
				return call.get();
			}
			catch (RuntimeException ex) {
				return "failed";
			}
		}).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

	private static ConfigurableApplicationContext client(String ejectionTime) {
		return new SpringApplicationBuilder(ClientApplication.class).web(WebApplicationType.NONE)
			.properties(clientProperties(ejectionTime))
			.run();
	}

	private static String[] clientProperties(String ejectionTime) {
		return new String[] { "dnssd.backend=dns", "dnssd.domain=" + ZONE, "dnssd.dns.servers=" + named.address(),
				"dnssd.registration.enabled=false", "spring.cloud.loadbalancer.retry.enabled=false",
				"dnssd.loadbalancer.outlier-ejection.consecutive-failures=" + FAILURES,
				"dnssd.loadbalancer.outlier-ejection.base-ejection-time=" + ejectionTime };
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ClientApplication {

		@Bean
		@LoadBalanced
		RestClient.Builder loadBalancedRestClientBuilder() {
			return RestClient.builder();
		}

		@Bean
		@LoadBalanced
		WebClient.Builder loadBalancedWebClientBuilder() {
			return WebClient.builder();
		}

	}

}
