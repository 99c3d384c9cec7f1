package io.dnssd.boot.startup;

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
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dnssd.boot.testsupport.CloudMapServer;
import io.dnssd.boot.testsupport.NamedServer;

/**
 * Starts sample-calc again and again, with the starter active and with
 * {@code dnssd.enabled=false}, interleaved, on each backend, and reports the medians of:
 * Spring's own "Started ... in" figure, the wall time from spawning the JVM until
 * {@code /actuator/health/readiness} answers 200, the resident set and the thread count
 * two seconds after that; each as a ratio of the starter against the same application
 * without it, measured in the same run. Run with {@code benchmarks/startup.sh}, which
 * starts it in a network namespace holding only loopback (the multicast backend sends to
 * the group).
 */
public final class StartupHarness {

	private static final Pattern STARTED = Pattern.compile("Started \\S+ in ([0-9.]+) seconds");

	private static final Duration SETTLE = Duration.ofSeconds(2);

	private final Path jar;

	private final Path work;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();

	private StartupHarness(Path jar, Path work) {
		this.jar = jar;
		this.work = work;
	}

	/**
	 * Runs the harness.
	 * @param args the sample-calc jar, the rounds, then the backends ({@code mdns},
	 * {@code dns}, {@code cloud-map}; all when none is given)
	 * @throws Exception if a process cannot be started or does not become ready
	 */
	public static void main(String[] args) throws Exception {
		Path jar = Path.of(args[0]);
		int rounds = Integer.parseInt(args[1]);
		List<String> backends = (args.length > 2) ? List.of(args).subList(2, args.length)
				: List.of("mdns", "dns", "cloud-map");
		StartupHarness harness = new StartupHarness(jar, Files.createTempDirectory("startup"));
		System.out.printf(Locale.ROOT, "sample-calc, %d rounds per variant, %d cores, Java %s%n", rounds,
				Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
		for (String backend : backends) {
			harness.measure(backend, rounds);
		}
	}

	private void measure(String backend, int rounds) throws Exception {
		try (Backend registry = Backend.start(backend, this.work.resolve(backend))) {
			List<Sample> with = new ArrayList<>();
			List<Sample> without = new ArrayList<>();
			for (int round = 0; round < rounds; round++) {
				// alternate the order so that neither variant always runs on a warmer
				// machine
				boolean withFirst = round % 2 == 0;
				for (boolean enabled : withFirst ? new boolean[] { true, false } : new boolean[] { false, true }) {
					List<String> arguments = new ArrayList<>(registry.arguments());
					if (!enabled) {
						arguments.add("--dnssd.enabled=false");
					}
					(enabled ? with : without)
						.add(start(registry.jvmOptions(), arguments, backend + "-" + round + "-" + enabled));
				}
			}
			report(backend, with, without);
		}
	}

	private Sample start(List<String> jvmOptions, List<String> arguments, String name) throws Exception {
		int[] ports = twoFreePorts();
		int management = ports[1];
		List<String> command = new ArrayList<>();
		command.add(javaExecutable());
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", this.jar.toString(), "--server.port=" + ports[0],
				"--management.server.port=" + management, "--management.endpoint.health.probes.enabled=true"));
		command.addAll(arguments);
		Path log = this.work.resolve(name + ".log");
		long spawned = System.nanoTime();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			URI readiness = URI.create("http://127.0.0.1:" + management + "/actuator/health/readiness");
			long deadline = spawned + TimeUnit.SECONDS.toNanos(60);
			while (!isUp(readiness)) {
				if (!process.isAlive() || System.nanoTime() > deadline) {
					throw new IllegalStateException(
							"Not ready: " + String.join(" ", command) + "\n" + Files.readString(log));
				}
				Thread.sleep(5);
			}
			double readyMillis = (System.nanoTime() - spawned) / 1e6;
			Thread.sleep(SETTLE.toMillis());
			String status = Files.readString(Path.of("/proc/" + process.pid() + "/status"));
			Matcher started = STARTED.matcher(Files.readString(log));
			if (!started.find()) {
				throw new IllegalStateException("No 'Started' line in " + log);
			}
			return new Sample(Double.parseDouble(started.group(1)) * 1000, readyMillis, field(status, "VmRSS"),
					field(status, "Threads"));
		}
		finally {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor();
			}
		}
	}

	private boolean isUp(URI uri) {
		try {
			HttpResponse<Void> response = this.http.send(
					HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(500)).build(),
					HttpResponse.BodyHandlers.discarding());
			return response.statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static void report(String backend, List<Sample> with, List<Sample> without) {
		System.out.printf(Locale.ROOT, "%n%s backend (median of %d; starter active / dnssd.enabled=false):%n", backend,
				with.size());
		line("Spring 'Started in'", with, without, Sample::startedMillis, "ms");
		line("spawn to readiness UP", with, without, Sample::readyMillis, "ms");
		line("resident set", with, without, Sample::rssKilobytes, "KB");
		line("threads", with, without, Sample::threads, "");
	}

	private static void line(String label, List<Sample> with, List<Sample> without, ToDoubleFunction<Sample> metric,
			String unit) {
		double active = median(with, metric);
		double disabled = median(without, metric);
		System.out.printf(Locale.ROOT, "  %-24s %9.1f %-2s / %9.1f %-2s = %.3fx%n", label, active, unit, disabled, unit,
				active / disabled);
	}

	private static double median(List<Sample> samples, ToDoubleFunction<Sample> metric) {
		List<Double> values = new ArrayList<>(samples.stream().map(metric::applyAsDouble).toList());
		Collections.sort(values);
		int middle = values.size() / 2;
		return (values.size() % 2 == 1) ? values.get(middle) : (values.get(middle - 1) + values.get(middle)) / 2;
	}

	private static long field(String status, String name) {
		Matcher matcher = Pattern.compile("(?m)^" + name + ":\\s+(\\d+)").matcher(status);
		if (!matcher.find()) {
			throw new IllegalStateException("No " + name + " in /proc/<pid>/status");
		}
		return Long.parseLong(matcher.group(1));
	}

	/**
	 * Returns two distinct loopback ports that were free a moment ago, for the server and
	 * the management server: with {@code server.port=0} the kernel could hand the server
	 * the very port just picked for management, and the start would fail.
	 * @return the two ports
	 * @throws IOException if no port can be bound
	 */
	private static int[] twoFreePorts() throws IOException {
		try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
				ServerSocket second = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return new int[] { first.getLocalPort(), second.getLocalPort() };
		}
	}

	private static String javaExecutable() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	/**
	 * One start of the application.
	 *
	 * @param startedMillis Spring's "Started ... in" figure
	 * @param readyMillis from spawning the JVM until readiness answered UP
	 * @param rssKilobytes resident set two seconds after that
	 * @param threads threads two seconds after that
	 */
	record Sample(double startedMillis, double readyMillis, long rssKilobytes, long threads) {
	}

	/**
	 * The registry a backend needs, running for the whole series, and the arguments that
	 * point the application at it.
	 */
	private interface Backend extends AutoCloseable {

		List<String> arguments();

		default List<String> jvmOptions() {
			return List.of();
		}

		@Override
		void close() throws Exception;

		static Backend start(String name, Path directory) throws Exception {
			Files.createDirectories(directory);
			return switch (name) {
				case "mdns" -> new Backend() {

					@Override
					public List<String> arguments() {
						return List.of();
					}

					@Override
					public void close() {
					}

				};
				case "dns" -> {
					NamedServer named = NamedServer.start(directory, "startup.test", "");
					Path key = named.writeKeyFile();
					yield new Backend() {

						@Override
						public List<String> arguments() {
							return List.of("--spring.profiles.active=dns", "--dnssd.domain=startup.test",
									"--dnssd.dns.servers=" + named.address(),
									"--dnssd.dns.update.server=" + named.address(),
									"--dnssd.dns.update.tsig.secret-file=" + key);
						}

						@Override
						public void close() throws Exception {
							named.close();
						}

					};
				}
				case "cloud-map" -> {
					CloudMapServer cloudMap = CloudMapServer.start();
					cloudMap.createNamespace("startup.test");
					cloudMap.createService("startup.test", "calc", true);
					yield new Backend() {

						@Override
						public List<String> arguments() {
							return List.of("--spring.profiles.active=cloud-map", "--dnssd.domain=startup.test",
									"--dnssd.cloud-map.endpoint=" + cloudMap.endpoint());
						}

						@Override
						public List<String> jvmOptions() {
							return List.of("-Daws.accessKeyId=AKIDTEST", "-Daws.secretAccessKey=test-only-secret",
									"-Daws.disableEc2Metadata=true");
						}

						@Override
						public void close() {
							cloudMap.close();
						}

					};
				}
				default -> throw new IllegalArgumentException("Unknown backend '" + name + "'");
			};
		}

	}

}
