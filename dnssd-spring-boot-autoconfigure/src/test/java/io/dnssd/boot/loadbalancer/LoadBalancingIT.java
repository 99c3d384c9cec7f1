package io.dnssd.boot.loadbalancer;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TextParseException;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @LoadBalanced} clients against real HTTP servers behind SRV records in a real
 * BIND: weights split the traffic, priorities fail over.
 */
class LoadBalancingIT {

	private static final String ZONE = "lb.test";

	private static final int CALLS = 1000;

	@TempDir
	static Path directory;

	static NamedServer named;

	static List<HttpServer> servers;

	static HttpServer ipv6Server;

	static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() throws Exception {
		servers = List.of(NameServingHttpServer.start("a", InetAddress.getLoopbackAddress()),
				NameServingHttpServer.start("b", InetAddress.getLoopbackAddress()),
				NameServingHttpServer.start("c", InetAddress.getLoopbackAddress()));
		ipv6Server = NameServingHttpServer.start("six", InetAddress.getByName("::1"));
		named = NamedServer.start(directory, ZONE, """
				_lb._tcp 1 PTR a._lb._tcp
				_lb._tcp 1 PTR b._lb._tcp
				_lb._tcp 1 PTR c._lb._tcp
				%s
				%s
				%s
				host 1 A 127.0.0.1
				_six._tcp PTR one._six._tcp
				one._six._tcp SRV 0 1 %d host6
				host6 AAAA ::1
				""".formatted(srv("a", 10, 3, 0), srv("b", 10, 1, 1), srv("c", 20, 1, 2),
				ipv6Server.getAddress().getPort()));
		context = new SpringApplicationBuilder(ClientApplication.class).properties("dnssd.backend=dns")
			.web(WebApplicationType.NONE)
			.properties("dnssd.domain=" + ZONE, "dnssd.dns.servers=" + named.address(), "dnssd.discovery.min-ttl=1s",
					"dnssd.discovery.max-ttl=1s")
			.run();
	}

	@AfterAll
	static void stop() throws Exception {
		if (context != null) {
			context.close();
		}
		servers.forEach((server) -> server.stop(0));
		ipv6Server.stop(0);
		named.close();
	}

	@Test
	void restClientSplitsTrafficByWeightWithinTheLowestPriority() {
		RestClient client = context.getBean(ClientApplication.class).restClient();
		Map<String, Long> hits = IntStream.range(0, CALLS)
			.mapToObj((i) -> client.get().uri("http://lb/").retrieve().body(String.class))
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		assertThat(hits).doesNotContainKey("c");
		assertThat(hits.get("a") * 100.0 / CALLS).isBetween(70.0, 80.0);
		assertThat(hits.get("b") * 100.0 / CALLS).isBetween(20.0, 30.0);
	}

	@Test
	void webClientAndReactiveDiscoveryClientUseTheSameInstances() {
		WebClient client = context.getBean(ClientApplication.class).webClient();
		List<String> answers = IntStream.range(0, 100)
			.mapToObj((i) -> client.get().uri("http://lb/").retrieve().bodyToMono(String.class).block())
			.toList();
		assertThat(answers).contains("a").doesNotContain("c");
		List<ServiceInstance> instances = context.getBean(ReactiveDiscoveryClient.class)
			.getInstances("lb")
			.collectList()
			.block();
		assertThat(instances).extracting(ServiceInstance::getInstanceId).containsExactlyInAnyOrder("a", "b", "c");
	}

	@Test
	void callsAnInstanceThatHasOnlyAnIpv6Address() {
		RestClient client = context.getBean(ClientApplication.class).restClient();
		assertThat(client.get().uri("http://six/").retrieve().body(String.class)).isEqualTo("six");
	}

	@Test
	void failsOverToTheNextPriorityWhenTheFirstGroupIsRemovedAndBack() throws Exception {
		RestClient client = context.getBean(ClientApplication.class).restClient();
		ClientApplication application = context.getBean(ClientApplication.class);
		client.get().uri("http://lb/").retrieve().body(String.class);
		int heartbeats = application.heartbeats.size();
		named.update((update) -> {
			update.delete(srvRecord("a", 10, 3, 0));
			update.delete(srvRecord("b", 10, 1, 1));
		});
		try {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> "c".equals(client.get().uri("http://lb/").retrieve().body(String.class)));
			assertThat(IntStream.range(0, 100)
				.mapToObj((i) -> client.get().uri("http://lb/").retrieve().body(String.class))).containsOnly("c");
			assertThat(application.heartbeats).hasSizeGreaterThan(heartbeats);
		}
		finally {
			named.update((update) -> {
				update.add(srvRecord("a", 10, 3, 0));
				update.add(srvRecord("b", 10, 1, 1));
			});
		}
		await().atMost(Duration.ofSeconds(10))
			.until(() -> !"c".equals(client.get().uri("http://lb/").retrieve().body(String.class)));
	}

	private static String srv(String name, int priority, int weight, int server) {
		return srvRecord(name, priority, weight, server).toString();
	}

	private static SRVRecord srvRecord(String name, int priority, int weight, int server) {
		try {
			return new SRVRecord(Name.fromString(name + "._lb._tcp." + ZONE + "."), DClass.IN, 1, priority, weight,
					servers.get(server).getAddress().getPort(), Name.fromString("host." + ZONE + "."));
		}
		catch (TextParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ClientApplication {

		final List<HeartbeatEvent> heartbeats = new CopyOnWriteArrayList<>();

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

		@EventListener
		void onHeartbeat(HeartbeatEvent event) {
			this.heartbeats.add(event);
		}

		RestClient restClient() {
			return restClientBuilder().build();
		}

		WebClient webClient() {
			return webClientBuilder().build();
		}

		private RestClient.Builder restClientBuilder() {
			return context.getBean(RestClient.Builder.class);
		}

		private WebClient.Builder webClientBuilder() {
			return context.getBean(WebClient.Builder.class);
		}

	}

}
