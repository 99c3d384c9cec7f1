package io.dnssd.boot.loadbalancer;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.SRVRecord;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Slow start against real HTTP servers behind SRV records in a real BIND: a third
 * instance added by an RFC 2136 update while the client runs starts with a small share of
 * the calls and has its full share once the window is over.
 */
class SlowStartIT {

	private static final String ZONE = "slow.test";

	private static final Duration WINDOW = Duration.ofSeconds(15);

	@TempDir
	static Path directory;

	static NamedServer named;

	static List<HttpServer> servers;

	@BeforeAll
	static void start() throws Exception {
		servers = List.of(NameServingHttpServer.start("a", InetAddress.getLoopbackAddress()),
				NameServingHttpServer.start("b", InetAddress.getLoopbackAddress()),
				NameServingHttpServer.start("new", InetAddress.getLoopbackAddress()));
		named = NamedServer.start(directory, ZONE, """
				_calc._tcp 1 PTR a._calc._tcp
				_calc._tcp 1 PTR b._calc._tcp
				a._calc._tcp 1 SRV 10 1 %d host
				b._calc._tcp 1 SRV 10 1 %d host
				host 1 A 127.0.0.1
				""".formatted(servers.get(0).getAddress().getPort(), servers.get(1).getAddress().getPort()));
	}

	@AfterAll
	static void stop() throws Exception {
		servers.forEach((server) -> server.stop(0));
		named.close();
	}

	@Test
	void anInstanceAddedWhileTheClientRunsRampsUpToItsFullShare() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ClientApplication.class)
			.web(WebApplicationType.NONE)
			.properties("dnssd.backend=dns", "dnssd.domain=" + ZONE, "dnssd.dns.servers=" + named.address(),
					"dnssd.discovery.min-ttl=1s", "dnssd.discovery.max-ttl=1s",
					"dnssd.loadbalancer.slow-start.window=" + WINDOW.toSeconds() + "s")
			.run()) {
			RestClient client = context.getBean(RestClient.Builder.class).build();
			assertThat(share(client, 200)).doesNotContainKey("new");
			Name service = Name.fromString("_calc._tcp." + ZONE + ".");
			Name instance = Name.fromString("new._calc._tcp." + ZONE + ".");
			Name host = Name.fromString("host." + ZONE + ".");
			named.update((update) -> {
				update.add(new SRVRecord(instance, DClass.IN, 1, 10, 1, servers.get(2).getAddress().getPort(), host));
				update.add(new PTRRecord(service, DClass.IN, 1, instance));
			});
			await().atMost(Duration.ofSeconds(10))
				.until(() -> "new".equals(client.get().uri("http://calc/").retrieve().body(String.class)));
			double early = share(client, 100).getOrDefault("new", 0.0);
			Thread.sleep(WINDOW.plusSeconds(1).toMillis());
			double full = share(client, 600).getOrDefault("new", 0.0);
			System.out.printf(Locale.ROOT,
					"SLOW-START | new instance's share %.1f %% at first, %.1f %% after the" + " %d s window%n",
					early * 100, full * 100, WINDOW.toSeconds());
			assertThat(early).isLessThan(0.2);
			assertThat(full).isBetween(0.25, 0.42);
		}
	}

	private static Map<String, Double> share(RestClient client, int calls) {
		return IntStream.range(0, calls)
			.mapToObj((i) -> client.get().uri("http://calc/").retrieve().body(String.class))
			.collect(Collectors.groupingBy(Function.identity(),
					Collectors.collectingAndThen(Collectors.counting(), (count) -> count / (double) calls)));
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
