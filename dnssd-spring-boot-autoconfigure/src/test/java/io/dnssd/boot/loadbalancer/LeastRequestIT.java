package io.dnssd.boot.loadbalancer;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpServer;
import io.dnssd.boot.testsupport.NameServingHttpServer;
import io.dnssd.boot.testsupport.NamedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

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

/**
 * The least-request choice (power of two choices on calls in flight) against real HTTP
 * servers behind SRV records in a real BIND: of three instances of equal priority and
 * weight, one answers slowly, one request at a time; under concurrent calls it gets less
 * than half the share that weighted random gives it, measured in the same run on a second
 * service over the same servers.
 */
class LeastRequestIT {

	private static final String ZONE = "least.test";

	private static final int CALLS = 1200;

	private static final int CONCURRENCY = 8;

	@TempDir
	static Path directory;

	static NamedServer named;

	static List<HttpServer> servers;

	static ConfigurableApplicationContext context;

	@BeforeAll
	static void start() throws Exception {
		servers = List.of(NameServingHttpServer.start("a", InetAddress.getLoopbackAddress()),
				NameServingHttpServer.start("b", InetAddress.getLoopbackAddress()),
				NameServingHttpServer.startSlow("slow", InetAddress.getLoopbackAddress(), Duration.ofMillis(20)));
		named = NamedServer.start(directory, ZONE, """
				_calc._tcp 1 PTR a._calc._tcp
				_calc._tcp 1 PTR b._calc._tcp
				_calc._tcp 1 PTR slow._calc._tcp
				a._calc._tcp 1 SRV 10 1 %1$d host
				b._calc._tcp 1 SRV 10 1 %2$d host
				slow._calc._tcp 1 SRV 10 1 %3$d host
				_random._tcp 1 PTR a._random._tcp
				_random._tcp 1 PTR b._random._tcp
				_random._tcp 1 PTR slow._random._tcp
				a._random._tcp 1 SRV 10 1 %1$d host
				b._random._tcp 1 SRV 10 1 %2$d host
				slow._random._tcp 1 SRV 10 1 %3$d host
				host 1 A 127.0.0.1
				""".formatted(servers.get(0).getAddress().getPort(), servers.get(1).getAddress().getPort(),
				servers.get(2).getAddress().getPort()));
		context = new SpringApplicationBuilder(ClientApplication.class).web(WebApplicationType.NONE)
			.properties("dnssd.backend=dns", "dnssd.domain=" + ZONE, "dnssd.dns.servers=" + named.address(),
					"dnssd.loadbalancer.clients.calc.choice=least-request")
			.run();
	}

	@AfterAll
	static void stop() throws Exception {
		if (context != null) {
			context.close();
		}
		servers.forEach((server) -> server.stop(0));
		named.close();
	}

	@Test
	void restClientSendsFewerCallsToTheSlowInstanceThanWeightedRandomDoes() throws Exception {
		RestClient client = context.getBean(RestClient.Builder.class).build();
		double leastRequest = slowShare(restCalls(client, "calc"));
		double weightedRandom = slowShare(restCalls(client, "random"));
		report("RestClient", leastRequest, weightedRandom);
		assertThat(leastRequest).isLessThan(weightedRandom / 2);
	}

	@Test
	void webClientSendsFewerCallsToTheSlowInstanceThanWeightedRandomDoes() {
		WebClient client = context.getBean(WebClient.Builder.class).build();
		double leastRequest = slowShare(webCalls(client, "calc"));
		double weightedRandom = slowShare(webCalls(client, "random"));
		report("WebClient", leastRequest, weightedRandom);
		assertThat(leastRequest).isLessThan(weightedRandom / 2);
	}

	private static Map<String, Integer> restCalls(RestClient client, String service) throws InterruptedException {
		Map<String, Integer> hits = new ConcurrentHashMap<>();
		ExecutorService threads = Executors.newFixedThreadPool(CONCURRENCY);
		IntStream.range(0, CALLS)
			.forEach((i) -> threads.submit(() -> hits
				.merge(client.get().uri("http://" + service + "/").retrieve().body(String.class), 1, Integer::sum)));
		threads.shutdown();
		assertThat(threads.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
		return hits;
	}

	private static Map<String, Integer> webCalls(WebClient client, String service) {
		Map<String, Integer> hits = new ConcurrentHashMap<>();
		Flux.range(0, CALLS)
			.flatMap((i) -> client.get().uri("http://" + service + "/").retrieve().bodyToMono(String.class),
					CONCURRENCY)
			.doOnNext((name) -> hits.merge(name, 1, Integer::sum))
			.blockLast(Duration.ofMinutes(2));
		return hits;
	}

	private static void report(String client, double leastRequest, double weightedRandom) {
		System.out.printf(Locale.ROOT, "LEAST-REQUEST | %s | slow instance's share %.1f %% (weighted random %.1f %%)%n",
				client, leastRequest * 100, weightedRandom * 100);
	}

	private static double slowShare(Map<String, Integer> hits) {
		assertThat(hits.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CALLS);
		return hits.getOrDefault("slow", 0) / (double) CALLS;
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
