package io.dnssd.boot.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The anchor: a standalone Spring Cloud Netflix Eureka server (benchmarks/eureka-server)
 * and the same calc and portal classes with the Eureka client on their classpath and
 * {@code dnssd.enabled=false}, either with Eureka's defaults (30 s registry fetch and
 * lease renewal, 90 s lease, 30 s server response cache, self-preservation, Spring Cloud
 * LoadBalancer's 35 s cache) or tuned to the starter's 5 s freshness.
 */
final class EurekaRegistry implements Registry {

	private static final List<String> TUNED_SERVER = List.of("--eureka.server.use-read-only-response-cache=false",
			"--eureka.server.eviction-interval-timer-in-ms=1000", "--eureka.server.enable-self-preservation=false");

	private static final List<String> TUNED_CLIENT = List.of("--eureka.client.registry-fetch-interval-seconds=5",
			"--eureka.instance.lease-renewal-interval-in-seconds=5",
			"--eureka.instance.lease-expiration-duration-in-seconds=15", "--spring.cloud.loadbalancer.cache.ttl=5s");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final String serverJar;

	private final Path log;

	private final int port;

	private final boolean tuned;

	private Process server;

	private EurekaRegistry(String serverJar, Path log, int port, boolean tuned) {
		this.serverJar = serverJar;
		this.log = log;
		this.port = port;
		this.tuned = tuned;
	}

	static EurekaRegistry start(Path work, String serverJar, boolean tuned) throws Exception {
		EurekaRegistry registry = new EurekaRegistry(serverJar, work.resolve("eureka.log"), LoadHarness.freePort(),
				tuned);
		registry.restart();
		return registry;
	}

	@Override
	public String description() {
		return this.tuned ? "Eureka tuned (5 s fetch, renewal and LoadBalancer cache, 15 s lease, no self-preservation)"
				: "Eureka defaults (30 s fetch and renewal, 90 s lease, 35 s LoadBalancer cache)";
	}

	@Override
	public List<String> command(App app, List<String> arguments) {
		List<String> command = new ArrayList<>(List.of(LoadHarness.javaExecutable(), "-Xmx256m", "-cp", app.classpath(),
				app.mainClass(), "--dnssd.enabled=false", "--eureka.client.service-url.defaultZone=" + serviceUrl(),
				"--eureka.instance.hostname=127.0.0.1", "--eureka.instance.prefer-ip-address=true",
				"--eureka.instance.ip-address=127.0.0.1"));
		if (this.tuned) {
			command.addAll(TUNED_CLIENT);
		}
		arguments.stream()
			.filter((argument) -> argument.startsWith("--server.port=") && "calc".equals(app.name()))
			.findFirst()
			.ifPresent((argument) -> command.add("--eureka.instance.instance-id="
					+ instanceId(Integer.parseInt(argument.substring("--server.port=".length())))));
		command.addAll(arguments);
		return command;
	}

	private String serviceUrl() {
		return "http://127.0.0.1:" + this.port + "/eureka/";
	}

	/**
	 * Reads the instance from the server's registry by id ({@code apps/CALC/calc-<port>},
	 * which the server answers from its registry, not from its response cache: polling
	 * {@code apps/CALC} every 50 ms raced the cache's invalidation on registration and
	 * kept a stale "not found" in it, twice here): the instance counts once it is UP with
	 * a registration time after the process start.
	 */
	@Override
	public boolean registered(int port, long startedAt) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(serviceUrl() + "apps/CALC/" + instanceId(port)))
			.header("Accept", "application/json")
			.timeout(Duration.ofSeconds(2))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			return false;
		}
		JsonNode instance = this.json.readTree(response.body()).path("instance");
		return "UP".equals(instance.path("status").asString())
				&& instance.path("leaseInfo").path("registrationTimestamp").asLong() >= startedAt;
	}

	private static String instanceId(int port) {
		return "calc-" + port;
	}

	@Override
	public void stop() throws Exception {
		this.server.destroy();
		if (!this.server.waitFor(30, TimeUnit.SECONDS)) {
			this.server.destroyForcibly().waitFor();
		}
	}

	@Override
	public void restart() throws Exception {
		List<String> command = new ArrayList<>(List.of(LoadHarness.javaExecutable(), "-Xmx512m", "-jar", this.serverJar,
				"--server.port=" + this.port, "--eureka.client.service-url.defaultZone=" + serviceUrl()));
		if (this.tuned) {
			command.addAll(TUNED_SERVER);
		}
		this.server = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
			.start();
		awaitUp();
	}

	/**
	 * A Eureka server holds its registry in memory: one started again is empty (no peers
	 * here to copy it from).
	 */
	@Override
	public void restartEmptied() throws Exception {
		stop();
		restart();
	}

	private void awaitUp() throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		HttpRequest request = HttpRequest.newBuilder(URI.create(serviceUrl() + "apps"))
			.header("Accept", "application/json")
			.build();
		while (System.nanoTime() < deadline) {
			try {
				if (this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not up yet
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("The Eureka server did not start; its log is " + this.log);
	}

	@Override
	public void close() throws Exception {
		if (this.server != null) {
			stop();
		}
	}

}
