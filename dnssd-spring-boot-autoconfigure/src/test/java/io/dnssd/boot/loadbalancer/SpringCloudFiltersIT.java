package io.dnssd.boot.loadbalancer;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpServer;
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
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Cloud LoadBalancer's own switches on instances found through DNS-SD in a real
 * BIND, called with a real {@code @LoadBalanced RestClient} against real HTTP servers:
 * zone preference, hints, API versions and retry on the next instance.
 */
class SpringCloudFiltersIT {

	private static final String ZONE = "filters.test";

	private static final int CALLS = 60;

	@TempDir
	static Path directory;

	static NamedServer named;

	static List<HttpServer> servers;

	static int closedPort;

	@BeforeAll
	static void start() throws Exception {
		servers = List.of(NameServingHttpServer.start("a", InetAddress.getLoopbackAddress()),
				NameServingHttpServer.start("b", InetAddress.getLoopbackAddress()),
				NameServingHttpServer.start("c", InetAddress.getLoopbackAddress()));
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		named = NamedServer.start(directory, ZONE, """
				_sw._tcp PTR a._sw._tcp
				_sw._tcp PTR b._sw._tcp
				_sw._tcp PTR c._sw._tcp
				a._sw._tcp SRV 0 1 %d host
				a._sw._tcp TXT "zone=east" "version=1.0" "hint=blue"
				b._sw._tcp SRV 0 1 %d host
				b._sw._tcp TXT "zone=west" "version=2.0" "hint=green"
				c._sw._tcp SRV 0 1 %d host
				c._sw._tcp TXT "zone=west" "version=2.0"
				_flaky._tcp PTR up._flaky._tcp
				_flaky._tcp PTR gone._flaky._tcp
				up._flaky._tcp SRV 0 1 %d host
				gone._flaky._tcp SRV 0 1 %d host
				host A 127.0.0.1
				""".formatted(port(0), port(1), port(2), port(0), closedPort));
	}

	@AfterAll
	static void stop() throws Exception {
		servers.forEach((server) -> server.stop(0));
		named.close();
	}

	@Test
	void withoutSwitchesEveryInstanceIsCalled() {
		try (ConfigurableApplicationContext context = client()) {
			assertThat(answers(context, "http://sw/")).containsOnly("a", "b", "c").hasSize(3);
		}
	}

	@Test
	void zonePreferenceCallsOnlyTheInstancesOfTheOwnZone() {
		try (ConfigurableApplicationContext context = client("spring.cloud.loadbalancer.zone=west",
				"spring.cloud.loadbalancer.configurations=zone-preference")) {
			assertThat(answers(context, "http://sw/")).containsOnly("b", "c").hasSize(2);
		}
	}

	@Test
	void aConfiguredHintSelectsTheInstancesCarryingIt() {
		try (ConfigurableApplicationContext context = client("spring.cloud.loadbalancer.hint.sw=green")) {
			assertThat(answers(context, "http://sw/")).containsOnly("b");
		}
	}

	@Test
	void aHintHeaderSelectsTheInstancesCarryingIt() {
		try (ConfigurableApplicationContext context = client()) {
			RestClient restClient = restClient(context);
			Set<String> answers = IntStream.range(0, CALLS)
				.mapToObj((i) -> restClient.get()
					.uri("http://sw/")
					.header("X-SC-LB-Hint", "blue")
					.retrieve()
					.body(String.class))
				.collect(Collectors.toSet());
			assertThat(answers).containsOnly("a");
		}
	}

	@Test
	void theRequestedApiVersionSelectsTheInstancesOfThatVersion() {
		try (ConfigurableApplicationContext context = client("spring.cloud.loadbalancer.configurations=api-version",
				"spring.cloud.loadbalancer.api-version.header=X-API-Version")) {
			RestClient restClient = restClient(context);
			Function<String, Set<String>> calls = (version) -> IntStream.range(0, CALLS)
				.mapToObj((i) -> restClient.get()
					.uri("http://sw/")
					.header("X-API-Version", version)
					.retrieve()
					.body(String.class))
				.collect(Collectors.toSet());
			assertThat(calls.apply("2.0")).containsOnly("b", "c").hasSize(2);
			assertThat(calls.apply("1.0")).containsOnly("a");
		}
	}

	@Test
	void retryCallsAnotherInstanceWhenTheChosenOneRefusesTheConnection() {
		try (ConfigurableApplicationContext context = client("spring.cloud.loadbalancer.retry.enabled=true",
				"spring.cloud.loadbalancer.retry.max-retries-on-same-service-instance=0",
				"spring.cloud.loadbalancer.retry.max-retries-on-next-service-instance=1")) {
			assertThat(IntStream.range(0, CALLS)
				.mapToObj((i) -> restClient(context).get().uri("http://flaky/").retrieve().body(String.class)))
				.containsOnly("a");
		}
	}

	@Test
	void withoutRetryTheInstanceThatRefusesFailsCalls() {
		try (ConfigurableApplicationContext context = client("spring.cloud.loadbalancer.retry.enabled=false")) {
			long failed = IntStream.range(0, CALLS).filter((i) -> {
				try {
					restClient(context).get().uri("http://flaky/").retrieve().body(String.class);
					return false;
				}
				catch (ResourceAccessException ex) {
					return true;
				}
			}).count();
			assertThat(failed).isPositive();
		}
	}

	private static Set<String> answers(ConfigurableApplicationContext context, String uri) {
		RestClient restClient = restClient(context);
		return IntStream.range(0, CALLS)
			.mapToObj((i) -> restClient.get().uri(uri).retrieve().body(String.class))
			.collect(Collectors.toSet());
	}

	private static RestClient restClient(ConfigurableApplicationContext context) {
		return context.getBean(RestClient.Builder.class).build();
	}

	private static ConfigurableApplicationContext client(String... properties) {
		return new SpringApplicationBuilder(ClientApplication.class).web(WebApplicationType.NONE)
			.properties("dnssd.backend=dns", "dnssd.domain=" + ZONE, "dnssd.dns.servers=" + named.address(),
					"dnssd.registration.enabled=false")
			.properties(properties)
			.run();
	}

	private static int port(int server) {
		return servers.get(server).getAddress().getPort();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ClientApplication {

		@Bean
		@LoadBalanced
		RestClient.Builder loadBalancedRestClientBuilder() {
			return RestClient.builder();
		}

	}

}
