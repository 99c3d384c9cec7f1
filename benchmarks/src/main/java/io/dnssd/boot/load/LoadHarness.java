package io.dnssd.boot.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.dnssd.boot.testsupport.NamedServer;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * Runs sample-portal and three sample-calc instances as separate processes against a
 * local BIND (the {@code dns} profile: RFC 2136 updates, TTL 5 s) and sends a steady rate
 * of {@code /api/calc} requests through the portal while a scenario runs: {@code rolling}
 * restarts every calc instance in turn (SIGTERM, wait for the exit, start it again on the
 * same port, wait until its records are back), {@code rolling-no-drain} does the same
 * with {@code dnssd.registration.drain=0}, and {@code crash} kills one instance with
 * SIGKILL and leaves it dead. It reports the requests sent, the failed ones and, for a
 * crash, how long requests kept failing. Run with {@code benchmarks/load.sh}.
 */
public final class LoadHarness {

	private static final String ZONE = "load.test";

	private static final String SERVICE = "_calc._tcp." + ZONE + ".";

	private static final int CALC_INSTANCES = 3;

	private static final Duration OUTAGE = Duration.ofSeconds(60);

	private final Path work;

	private final Path calcJar;

	private final Path portalJar;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Map<Integer, Process> calcs = new ConcurrentHashMap<>();

	private NamedServer named;

	private Path key;

	private Process portal;

	private Path portalLog;

	private int portalPort;

	private Path lastLog;

	private LoadHarness(Path work, Path calcJar, Path portalJar) {
		this.work = work;
		this.calcJar = calcJar;
		this.portalJar = portalJar;
	}

	/**
	 * Runs one scenario.
	 * @param args the sample-calc jar, the sample-portal jar, the scenario
	 * ({@code rolling}, {@code rolling-no-drain}, {@code crash}, {@code crash-no-retry},
	 * {@code dns-outage}), the request rate per second and, for the rolling restarts, the
	 * number of passes over the instances
	 * @throws Exception if a process does not start or a scenario cannot run
	 */
	public static void main(String[] args) throws Exception {
		String scenario = args[2];
		int rate = Integer.parseInt(args[3]);
		int passes = (args.length > 4) ? Integer.parseInt(args[4]) : 1;
		LoadHarness harness = new LoadHarness(Files.createTempDirectory("load"), Path.of(args[0]), Path.of(args[1]));
		try {
			harness.run(scenario, rate, passes);
		}
		finally {
			harness.stopAll();
		}
		System.exit(0);
	}

	private void run(String scenario, int rate, int passes) throws Exception {
		boolean drain = !"rolling-no-drain".equals(scenario);
		this.named = NamedServer.start(this.work.resolve("named"), ZONE, "");
		this.key = this.named.writeKeyFile();
		List<Integer> ports = new ArrayList<>();
		for (int i = 0; i < CALC_INSTANCES; i++) {
			int port = freePort();
			ports.add(port);
			this.calcs.put(port, startCalc(port, drain));
		}
		for (int port : ports) {
			awaitRegistered(port);
		}
		this.portalPort = freePort();
		List<String> portalArguments = new ArrayList<>(List.of("--server.port=" + this.portalPort));
		if ("crash-no-retry".equals(scenario)) {
			portalArguments.add("--spring.cloud.loadbalancer.retry.enabled=false");
		}
		this.portal = start(this.portalJar, "portal", portalArguments);
		this.portalLog = this.lastLog;
		Load load = new Load(URI.create("http://127.0.0.1:" + this.portalPort + "/api/calc?expression=1%2B2"));
		awaitServed(load.uri);
		System.out.printf(Locale.ROOT, "%s: %d calc instances, portal on %d, %d requests/s, %s, retry %s%n", scenario,
				CALC_INSTANCES, this.portalPort, rate, drain ? "drain = TTL (5 s)" : "drain 0",
				"crash-no-retry".equals(scenario) ? "off" : "on (Spring Cloud's default with spring-retry)");
		load.start(rate);
		Thread.sleep(3000);
		long began = System.nanoTime();
		switch (scenario) {
			case "rolling", "rolling-no-drain" -> {
				for (int pass = 0; pass < passes; pass++) {
					for (int port : ports) {
						restart(port, drain);
					}
				}
			}
			case "crash", "crash-no-retry" -> {
				int victim = ports.get(0);
				this.calcs.remove(victim).destroyForcibly().waitFor();
				System.out.printf(Locale.ROOT, "killed -9 the instance on port %d%n", victim);
				Thread.sleep(20_000);
			}
			case "dns-outage" -> {
				this.named.stop();
				System.out.printf(Locale.ROOT, "stopped BIND for %d s%n", OUTAGE.toSeconds());
				Thread.sleep(OUTAGE.toMillis());
				this.named.restart();
				System.out.println("started BIND again");
				Thread.sleep(10_000);
			}
			default -> throw new IllegalArgumentException("Unknown scenario '" + scenario + "'");
		}
		Thread.sleep(3000);
		load.stop();
		System.out.printf(Locale.ROOT, "scenario took %.1f s%n", (System.nanoTime() - began) / 1e9);
		load.report();
		String portalOutput = Files.readString(this.portalLog);
		System.out.printf(Locale.ROOT, "portal log: %d WARN lines, %d of them about lookups of 'calc'%n",
				portalOutput.lines().filter((line) -> line.contains(" WARN ")).count(),
				portalOutput.lines()
					.filter((line) -> line.contains(" WARN ") && line.contains("service 'calc'"))
					.count());
	}

	private void restart(int port, boolean drain) throws Exception {
		long stopping = System.nanoTime();
		Process process = this.calcs.remove(port);
		process.destroy();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			throw new IllegalStateException("calc on " + port + " did not exit");
		}
		double stopped = (System.nanoTime() - stopping) / 1e9;
		this.calcs.put(port, startCalc(port, drain));
		awaitRegistered(port);
		System.out.printf(Locale.ROOT,
				"restarted calc on %d: exited %.1f s after SIGTERM, registered again %.1f s" + " after it%n", port,
				stopped, (System.nanoTime() - stopping) / 1e9);
	}

	private Process startCalc(int port, boolean drain) throws IOException {
		List<String> arguments = new ArrayList<>(List.of("--server.port=" + port));
		if (!drain) {
			arguments.add("--dnssd.registration.drain=0s");
		}
		return start(this.calcJar, "calc-" + port, arguments);
	}

	private Process start(Path jar, String name, List<String> extra) throws IOException {
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx256m", "-jar", jar.toString(),
				"--spring.profiles.active=dns", "--dnssd.domain=" + ZONE, "--dnssd.dns.servers=" + this.named.address(),
				"--dnssd.dns.update.server=" + this.named.address(), "--dnssd.dns.update.tsig.secret-file=" + this.key,
				"--dnssd.registration.address=127.0.0.1"));
		command.addAll(extra);
		Path log = this.work.resolve(name + "-" + System.nanoTime() + ".log");
		this.lastLog = log;
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	private void awaitRegistered(int port) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (System.nanoTime() < deadline) {
			for (Record record : this.named.records(SERVICE, Type.PTR)) {
				if (((PTRRecord) record).getTarget().toString().contains("-" + port + ".")) {
					return;
				}
			}
			Thread.sleep(50);
		}
		throw new IllegalStateException("calc on " + port + " did not register; logs in " + this.work);
	}

	private void awaitServed(URI uri) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (System.nanoTime() < deadline) {
			try {
				if (this.http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not up yet
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("The portal does not answer " + uri + "; logs in " + this.work);
	}

	private void stopAll() throws Exception {
		List<Process> processes = new ArrayList<>(this.calcs.values());
		if (this.portal != null) {
			processes.add(this.portal);
		}
		processes.forEach(Process::destroy);
		for (Process process : processes) {
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
			}
		}
		if (this.named != null) {
			this.named.close();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static String javaExecutable() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	/**
	 * A steady rate of requests and their outcomes.
	 */
	private final class Load {

		private final URI uri;

		private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

		private final AtomicLong sent = new AtomicLong();

		private final AtomicLong failed = new AtomicLong();

		private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

		private volatile long firstFailure;

		private volatile long lastFailure;

		Load(URI uri) {
			this.uri = uri;
		}

		void start(int rate) {
			long period = TimeUnit.SECONDS.toMicros(1) / rate;
			this.ticker.scheduleAtFixedRate(this::send, 0, period, TimeUnit.MICROSECONDS);
		}

		private void send() {
			this.sent.incrementAndGet();
			HttpRequest request = HttpRequest.newBuilder(this.uri).timeout(Duration.ofSeconds(10)).build();
			LoadHarness.this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
				.whenComplete((response, error) -> {
					if (error != null) {
						failed(error.getClass().getSimpleName());
					}
					else if (response.statusCode() != 200) {
						failed("HTTP " + response.statusCode());
					}
				});
		}

		private void failed(String cause) {
			long now = System.nanoTime();
			if (this.failed.getAndIncrement() == 0) {
				this.firstFailure = now;
			}
			this.lastFailure = now;
			this.failures.computeIfAbsent(cause, (key) -> new AtomicLong()).incrementAndGet();
		}

		void stop() throws InterruptedException {
			this.ticker.shutdown();
			this.ticker.awaitTermination(5, TimeUnit.SECONDS);
			// answers still in flight
			Thread.sleep(11_000);
		}

		void report() {
			System.out.printf(Locale.ROOT, "requests: %d sent, %d failed%s%n", this.sent.get(), this.failed.get(),
					this.failures.isEmpty() ? "" : " " + this.failures);
			if (this.failed.get() > 0) {
				System.out.printf(Locale.ROOT, "failures from first to last: %.2f s%n",
						(this.lastFailure - this.firstFailure) / 1e9);
			}
		}

	}

}
