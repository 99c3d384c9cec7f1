package io.dnssd.boot.loadbalancer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

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
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring Cloud LoadBalancer's retry on another instance with outlier ejection under it:
 * three instances, each a real HTTP server in its own JVM behind SRV records in a real
 * BIND; one gets SIGKILL while four threads call through a {@code @LoadBalanced}
 * {@code RestClient} or {@code WebClient}, GET and POST (retried as the user allowed;
 * Spring Cloud retries a {@code WebClient} only with
 * {@code spring.cloud.loadbalancer.retry.enabled=true} set). No call fails, and the dead
 * instance is chosen only until the configured number of failures ejects it.
 */
class RetryOnAnotherInstanceIT {

	private static final String ZONE = "retry.test";

	private static final int THREADS = 4;

	private static final int FAILURES = 5;

	private static final int CALLS = 1200;

	@TempDir
	static Path directory;

	static NamedServer named;

	static final List<Process> instances = new ArrayList<>();

	static final List<Integer> ports = new ArrayList<>();

	@BeforeAll
	static void start() throws Exception {
		for (String name : List.of("a", "b", "c", "d", "e", "f")) {
			Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
					System.getProperty("java.class.path"), NameServingHttpServer.class.getName(), name)
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
			instances.add(process);
			ports.add(portOf(process));
		}
		named = NamedServer.start(directory, ZONE, """
				_calc._tcp 1 PTR a._calc._tcp
				_calc._tcp 1 PTR b._calc._tcp
				_calc._tcp 1 PTR c._calc._tcp
				a._calc._tcp 1 SRV 10 1 %d host
				b._calc._tcp 1 SRV 10 1 %d host
				c._calc._tcp 1 SRV 10 1 %d host
				_reactive._tcp 1 PTR d._reactive._tcp
				_reactive._tcp 1 PTR e._reactive._tcp
				_reactive._tcp 1 PTR f._reactive._tcp
				d._reactive._tcp 1 SRV 10 1 %d host
				e._reactive._tcp 1 SRV 10 1 %d host
				f._reactive._tcp 1 SRV 10 1 %d host
				host 1 A 127.0.0.1
				""".formatted(ports.toArray()));
	}

	@AfterAll
	static void stop() throws Exception {
		for (Process process : instances) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		named.close();
	}

	@Test
	void noRestClientCallFailsWhenAnInstanceIsKilledUnderLoadAndTheDeadOneIsSoonNoLongerChosen() throws Exception {
		try (ConfigurableApplicationContext context = client()) {
			RestClient client = context.getBean(RestClient.Builder.class).build();
			callWhileKilling(context, 2, "RestClient", (call) -> {
				if (call % 2 == 0) {
					client.get().uri("http://calc/").retrieve().body(String.class);
				}
				else {
					client.post().uri("http://calc/").body("2+3").retrieve().body(String.class);
				}
			});
		}
	}

	@Test
	void noWebClientCallFailsWhenAnInstanceIsKilledUnderLoadAndTheDeadOneIsSoonNoLongerChosen() throws Exception {
		try (ConfigurableApplicationContext context = client()) {
			WebClient client = context.getBean(WebClient.Builder.class).build();
			callWhileKilling(context, 5, "WebClient", (call) -> {
				if (call % 2 == 0) {
					client.get().uri("http://reactive/").retrieve().bodyToMono(String.class).block();
				}
				else {
					client.post().uri("http://reactive/").bodyValue("2+3").retrieve().bodyToMono(String.class).block();
				}
			});
		}
	}

	/**
	 * Calls from four threads, kills one instance by SIGKILL a quarter of the way, and
	 * checks that no call failed and the dead instance was chosen only a few times.
	 * @param context the client application
	 * @param victim the index of the instance to kill
	 * @param clientName the client, for the figures printed
	 * @param call makes call number n
	 * @throws Exception if a caller thread fails
	 */
	private void callWhileKilling(ConfigurableApplicationContext context, int victim, String clientName,
			IntConsumer call) throws Exception {
		Queue<Choice> chosen = context.getBean(ClientApplication.class).chosen;
		AtomicInteger calls = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		ExecutorService threads = Executors.newFixedThreadPool(THREADS);
		List<Future<?>> callers = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			callers.add(threads.submit(() -> {
				int number;
				while ((number = calls.incrementAndGet()) <= CALLS) {
					try {
						call.accept(number);
					}
					catch (RuntimeException ex) {
						failed.incrementAndGet();
					}
				}
			}));
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> calls.get() >= CALLS / 4);
		int dead = ports.get(victim);
		long killedAt = System.nanoTime();
		instances.get(victim).destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		for (Future<?> caller : callers) {
			caller.get();
		}
		threads.shutdown();
		long choicesOfTheDead = chosen.stream()
			.filter((choice) -> choice.port() == dead && choice.at() - killedAt > 0)
			.count();
		System.out.printf(Locale.ROOT,
				"RETRY | %s | %d calls, %d failed, the killed instance chosen %d times after" + " the kill%n",
				clientName, CALLS, failed.get(), choicesOfTheDead);
		assertThat(failed.get()).isZero();
		assertThat(choicesOfTheDead).isBetween(1L, (long) FAILURES + 2 * THREADS);
	}

	private static ConfigurableApplicationContext client() {
		return new SpringApplicationBuilder(ClientApplication.class).web(WebApplicationType.NONE)
			.properties("dnssd.backend=dns", "dnssd.domain=" + ZONE, "dnssd.dns.servers=" + named.address(),
					"spring.cloud.loadbalancer.retry.enabled=true",
					"spring.cloud.loadbalancer.retry.retry-on-all-operations=true",
					"dnssd.loadbalancer.outlier-ejection.consecutive-failures=" + FAILURES)
			.run();
	}

	private static int portOf(Process process) throws IOException {
		BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String line = output.readLine();
		if (line == null || !line.startsWith("port=")) {
			throw new IllegalStateException("The instance did not start: " + line);
		}
		return Integer.parseInt(line.substring("port=".length()));
	}

	/**
	 * One choice of the load balancer.
	 *
	 * @param at when, in {@link System#nanoTime()} terms
	 * @param port the port of the instance chosen
	 */
	record Choice(long at, int port) {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ClientApplication {

		final Queue<Choice> chosen = new ConcurrentLinkedQueue<>();

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

		@Bean
		LoadBalancerLifecycle<Object, Object, ServiceInstance> choiceRecorder() {
			return new LoadBalancerLifecycle<>() {

				@Override
				public void onStart(Request<Object> request) {
				}

				@Override
				public void onStartRequest(Request<Object> request, Response<ServiceInstance> lbResponse) {
					ClientApplication.this.chosen.add(new Choice(System.nanoTime(), lbResponse.getServer().getPort()));
				}

				@Override
				public void onComplete(CompletionContext<Object, ServiceInstance, Object> completionContext) {
				}

			};
		}

	}

}
