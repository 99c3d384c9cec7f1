package io.dnssd.boot.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.dnssd.boot.load.Registry.App;

/**
 * Runs sample-portal and three sample-calc instances as separate processes against a
 * registry (the starter on a local BIND, or Eureka as the anchor) and sends a steady rate
 * of {@code /api/calc} requests through the portal while a scenario runs: {@code rolling}
 * restarts every calc instance in turn (SIGTERM, wait for the exit, start it again on the
 * same port, wait until the registry holds it), {@code rolling-no-drain} does the same
 * with {@code dnssd.registration.drain=0}, {@code crash} kills one instance with SIGKILL
 * and leaves it dead ({@code crash-no-retry}: with the portal's retry off),
 * {@code registry-outage} stops the registry's server for 60 s, and
 * {@code registry-emptied} starts it again without any instance (a zone reloaded from an
 * old file) and waits until every calc instance has registered itself again. It reports
 * the requests sent and failed, and the propagation times: from SIGTERM to the last
 * request an instance served, from its start to the first, and how long a crashed
 * instance kept being chosen. A last {@code RESULT} line carries the figures for
 * {@code benchmarks/anchor.sh}. Run with {@code benchmarks/load.sh}.
 */
public final class LoadHarness {

	private static final int CALC_INSTANCES = 3;

	private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

	private static final Duration OUTAGE = Duration.ofSeconds(60);

	private static final Duration CRASH_WINDOW = Duration.ofSeconds(60);

	private final Path work;

	private final App calc;

	private final App portalApp;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Map<Integer, Process> calcs = new ConcurrentHashMap<>();

	private final List<String> results = new ArrayList<>();

	private Registry registry;

	private Process portal;

	private Path portalLog;

	private Path lastLog;

	private LoadHarness(Path work, App calc, App portal) {
		this.work = work;
		this.calc = calc;
		this.portalApp = portal;
	}

	/**
	 * Runs one scenario.
	 * @param args the sample-calc jar, the sample-portal jar, the scenario
	 * ({@code rolling}, {@code rolling-no-drain}, {@code crash}, {@code crash-no-retry},
	 * {@code registry-outage}, {@code registry-emptied}), the request rate per second,
	 * for the rolling restarts the number of passes over the instances, and the registry
	 * ({@code dns}, {@code cloud-map}, {@code mdns}, {@code eureka},
	 * {@code eureka-tuned}); the Eureka runs read the system properties
	 * {@code load.calc.classpath}, {@code load.portal.classpath} and
	 * {@code load.eureka.server} (the server's jar); {@code load.calc.arguments} adds
	 * arguments to every calc instance, separated by spaces
	 * @throws Exception if a process does not start or a scenario cannot run
	 */
	public static void main(String[] args) throws Exception {
		String scenario = args[2];
		int rate = Integer.parseInt(args[3]);
		int passes = (args.length > 4) ? Integer.parseInt(args[4]) : 1;
		String registry = (args.length > 5) ? args[5] : "dns";
		App calc = new App("calc", args[0], System.getProperty("load.calc.classpath", ""),
				"io.dnssd.sample.calc.CalcApplication");
		App portal = new App("portal", args[1], System.getProperty("load.portal.classpath", ""),
				"io.dnssd.sample.portal.PortalApplication");
		LoadHarness harness = new LoadHarness(Files.createTempDirectory("load"), calc, portal);
		try {
			harness.run(registry, scenario, rate, passes);
		}
		finally {
			harness.stopAll();
		}
		System.exit(0);
	}

	private Registry startRegistry(String name) throws Exception {
		return switch (name) {
			case "dns" -> DnsRegistry.start(this.work);
			case "cloud-map" -> CloudMapRegistry.start();
			case "mdns" -> new MdnsRegistry();
			case "eureka", "eureka-tuned" ->
				EurekaRegistry.start(this.work, System.getProperty("load.eureka.server"), name.endsWith("-tuned"));
			default -> throw new IllegalArgumentException("Unknown registry '" + name + "'");
		};
	}

	private void run(String registryName, String scenario, int rate, int passes) throws Exception {
		boolean drain = !"rolling-no-drain".equals(scenario);
		this.registry = startRegistry(registryName);
		List<Integer> ports = new ArrayList<>();
		for (int i = 0; i < CALC_INSTANCES; i++) {
			int port = freePort();
			ports.add(port);
			this.calcs.put(port, startCalc(port, drain));
		}
		for (int port : ports) {
			awaitRegistered(port, 0);
		}
		int portalPort = freePort();
		int managementPort = freePort();
		List<String> portalArguments = new ArrayList<>(
				List.of("--server.port=" + portalPort, "--management.server.port=" + managementPort,
						"--spring.cloud.loadbalancer.stats.micrometer.enabled=true"));
		if ("crash-no-retry".equals(scenario)) {
			portalArguments.add("--spring.cloud.loadbalancer.retry.enabled=false");
		}
		this.portal = start(this.portalApp, "portal", portalArguments);
		this.portalLog = this.lastLog;
		URI uri = URI.create("http://127.0.0.1:" + portalPort + "/api/calc?expression=1%2B2");
		awaitServedByAll(uri, ports);
		System.out.printf(Locale.ROOT, "%s, %s: %d calc instances, portal on %d, %d requests/s, %s, retry %s%n",
				this.registry.description(), scenario, CALC_INSTANCES, portalPort, rate,
				drain ? "drain = TTL (5 s) with the starter" : "drain 0",
				"crash-no-retry".equals(scenario) ? "off" : "on (Spring Cloud's default with spring-retry)");
		SteadyLoad load = new SteadyLoad(this.http, uri);
		LoadBalancerChoices choices = new LoadBalancerChoices(this.http, managementPort, ports);
		choices.start();
		load.start(rate);
		Thread.sleep(3000);
		long began = System.nanoTime();
		switch (scenario) {
			case "rolling", "rolling-no-drain" -> {
				List<Restart> restarts = new ArrayList<>();
				for (int pass = 0; pass < passes; pass++) {
					for (int port : ports) {
						restarts.add(restart(port, drain));
					}
				}
				awaitServedAgain(restarts, load);
				reportRestarts(restarts, load, choices);
			}
			case "crash", "crash-no-retry" -> {
				int victim = ports.get(0);
				long killed = System.nanoTime();
				this.calcs.remove(victim).destroyForcibly().waitFor();
				System.out.printf(Locale.ROOT, "killed -9 the instance on port %d; watching for %d s%n", victim,
						CRASH_WINDOW.toSeconds());
				Thread.sleep(CRASH_WINDOW.toMillis());
				reportCrash(victim, killed, choices);
			}
			case "registry-outage", "dns-outage" -> {
				this.registry.stop();
				System.out.printf(Locale.ROOT, "stopped the registry for %d s%n", OUTAGE.toSeconds());
				Thread.sleep(OUTAGE.toMillis());
				this.registry.restart();
				System.out.println("started the registry again");
				Thread.sleep(10_000);
			}
			case "registry-emptied" -> {
				long emptied = System.nanoTime();
				this.registry.restartEmptied();
				System.out.printf(Locale.ROOT, "restarted the registry empty in %.1f s%n",
						seconds(emptied, System.nanoTime()));
				reportRegisteredAgain(ports, emptied);
				Thread.sleep(10_000);
			}
			default -> throw new IllegalArgumentException("Unknown scenario '" + scenario + "'");
		}
		Thread.sleep(3000);
		load.stop();
		choices.stop();
		System.out.printf(Locale.ROOT, "scenario took %.1f s%n", (System.nanoTime() - began) / 1e9);
		load.report();
		String portalOutput = Files.readString(this.portalLog);
		System.out.printf(Locale.ROOT, "portal log: %d WARN lines, %d of them about lookups of 'calc'%n",
				portalOutput.lines().filter((line) -> line.contains(" WARN ")).count(),
				portalOutput.lines()
					.filter((line) -> line.contains(" WARN ") && line.contains("service 'calc'"))
					.count());
		System.out.printf(Locale.ROOT, "RESULT registry=%s scenario=%s sent=%d failed=%d %s%n", registryName, scenario,
				load.sent(), load.failed(), String.join(" ", this.results));
	}

	private Restart restart(int port, boolean drain) throws Exception {
		long term = System.nanoTime();
		Process process = this.calcs.remove(port);
		process.destroy();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			throw new IllegalStateException("calc on " + port + " did not exit");
		}
		long exited = System.nanoTime();
		long startedAt = System.currentTimeMillis();
		this.calcs.put(port, startCalc(port, drain));
		long started = System.nanoTime();
		awaitRegistered(port, startedAt);
		long registered = System.nanoTime();
		System.out.printf(Locale.ROOT,
				"restarted calc on %d: exited %.1f s after SIGTERM, registered again %.1f s after its start%n", port,
				seconds(term, exited), seconds(started, registered));
		return new Restart(port, term, exited, started, registered);
	}

	private void awaitServedAgain(List<Restart> restarts, SteadyLoad load) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline && restarts.stream()
			.anyMatch((restart) -> load.firstServed(restart.port(), restart.started()).isEmpty())) {
			Thread.sleep(200);
		}
	}

	private void reportRestarts(List<Restart> restarts, SteadyLoad load, LoadBalancerChoices choices) {
		double lastServedMax = 0;
		double firstServedMax = 0;
		long refused = 0;
		for (int i = 0; i < restarts.size(); i++) {
			Restart restart = restarts.get(i);
			OptionalLong lastServed = load.lastServed(restart.port(), restart.term(), restart.started());
			OptionalLong firstServed = load.firstServed(restart.port(), restart.started());
			long end = firstServed.orElse(System.nanoTime());
			long refusedHere = choices.failedBetween(restart.port(), restart.term(), end);
			double last = lastServed.isPresent() ? seconds(restart.term(), lastServed.getAsLong()) : Double.NaN;
			double first = firstServed.isPresent() ? seconds(restart.started(), firstServed.getAsLong()) : Double.NaN;
			System.out.printf(Locale.ROOT,
					"calc on %d, restart %d: last served %.1f s after SIGTERM (exit at %.1f s); first served %.1f s"
							+ " after its start (registered at %.1f s); %d calls sent to it while it was down%n",
					restart.port(), i + 1, last, seconds(restart.term(), restart.exited()), first,
					seconds(restart.started(), restart.registered()), refusedHere);
			lastServedMax = Math.max(lastServedMax, last);
			firstServedMax = Math.max(firstServedMax, first);
			refused += refusedHere;
		}
		this.results.add(String.format(Locale.ROOT,
				"sigterm_to_last_served_max=%.1f start_to_first_served_max=%.1f" + " calls_to_down_instances=%d",
				lastServedMax, firstServedMax, refused));
	}

	private void reportCrash(int victim, long killed, LoadBalancerChoices choices) {
		OptionalLong last = choices.lastFailedChoice(victim, killed);
		long calls = choices.failedBetween(victim, killed, System.nanoTime());
		double chosenFor = last.isPresent() ? seconds(killed, last.getAsLong()) : 0;
		boolean still = chosenFor > CRASH_WINDOW.toSeconds() - 2;
		System.out.printf(Locale.ROOT, "the dead instance was chosen %d times, the last %.1f s after the kill%s%n",
				calls, chosenFor, still ? " (still chosen when the window closed)" : "");
		this.results.add(String.format(Locale.ROOT, "dead_chosen_for=%s%.1f calls_to_dead=%d", still ? ">" : "",
				chosenFor, calls));
	}

	private void reportRegisteredAgain(List<Integer> ports, long emptied) throws Exception {
		Map<Integer, Long> back = new LinkedHashMap<>();
		long deadline = emptied + TimeUnit.SECONDS.toNanos(180);
		while (back.size() < ports.size() && System.nanoTime() < deadline) {
			for (int port : ports) {
				if (!back.containsKey(port) && this.registry.registered(port, 0)) {
					back.put(port, System.nanoTime());
				}
			}
			Thread.sleep(100);
		}
		double last = 0;
		for (int port : ports) {
			Long at = back.get(port);
			double after = (at != null) ? seconds(emptied, at) : Double.NaN;
			System.out.printf(Locale.ROOT, "calc on %d registered again %.1f s after the registry was emptied%n", port,
					after);
			last = (at != null) ? Math.max(last, after) : Double.POSITIVE_INFINITY;
		}
		this.results.add(String.format(Locale.ROOT, "all_registered_again_after=%.1f", last));
	}

	private Process startCalc(int port, boolean drain) throws IOException {
		List<String> arguments = new ArrayList<>(List.of("--server.port=" + port));
		String extra = System.getProperty("load.calc.arguments", "").trim();
		if (!extra.isEmpty()) {
			arguments.addAll(List.of(extra.split("\\s+")));
		}
		if (!drain) {
			arguments.add("--dnssd.registration.drain=0s");
		}
		return start(this.calc, "calc-" + port, arguments);
	}

	private Process start(App app, String name, List<String> arguments) throws IOException {
		Path log = this.work.resolve(name + "-" + System.nanoTime() + ".log");
		this.lastLog = log;
		return new ProcessBuilder(this.registry.command(app, arguments)).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
	}

	private void awaitRegistered(int port, long startedAt) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			if (this.registry.registered(port, startedAt)) {
				return;
			}
			Thread.sleep(50);
		}
		throw new IllegalStateException("calc on " + port + " did not register; logs in " + this.work);
	}

	private void awaitServedByAll(URI uri, List<Integer> ports) throws Exception {
		SteadyLoad probe = new SteadyLoad(this.http, uri);
		long since = System.nanoTime();
		long deadline = since + TimeUnit.SECONDS.toNanos(180);
		probe.start(20);
		try {
			while (System.nanoTime() < deadline) {
				if (ports.stream().allMatch((port) -> probe.firstServed(port, since).isPresent())) {
					System.out.printf(Locale.ROOT, "the portal reached all calc instances %.1f s after its start%n",
							seconds(since, System.nanoTime()));
					return;
				}
				Thread.sleep(100);
			}
		}
		finally {
			probe.stop();
		}
		throw new IllegalStateException(
				"The portal did not reach every calc through " + uri + "; logs in " + this.work);
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
		if (this.registry != null) {
			this.registry.close();
		}
	}

	private static double seconds(long from, long to) {
		return (to - from) / 1e9;
	}

	/**
	 * Returns a free port of loopback that no earlier call returned: the ports handed out
	 * are bound later, by other processes, so the system could give one out again.
	 * @return the port
	 * @throws IOException if no port is free
	 */
	static int freePort() throws IOException {
		while (true) {
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				if (HANDED_OUT.add(socket.getLocalPort())) {
					return socket.getLocalPort();
				}
			}
		}
	}

	static String javaExecutable() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	/**
	 * One restart of a calc instance, its moments from {@link System#nanoTime()}.
	 *
	 * @param port the instance's port
	 * @param term when it was sent SIGTERM
	 * @param exited when its process exited
	 * @param started when the new process started
	 * @param registered when the registry held it again
	 */
	private record Restart(int port, long term, long exited, long started, long registered) {
	}

}
