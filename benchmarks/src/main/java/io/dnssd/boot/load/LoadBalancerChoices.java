package io.dnssd.boot.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Watches the portal's choices of calc instances that failed: it polls Spring Cloud
 * LoadBalancer's {@code loadbalancer.requests.failed} counter per instance port on the
 * portal's actuator and keeps when each count grew. A failed choice is a call the portal
 * sent to an instance that was gone (connection refused), which its retry then sent to
 * another one; the time of the last one after a crash is how long the dead instance kept
 * being chosen.
 */
final class LoadBalancerChoices {

	private static final Duration PERIOD = Duration.ofMillis(250);

	private static final Pattern COUNT = Pattern
		.compile("\"statistic\"\\s*:\\s*\"COUNT\"\\s*,\\s*\"value\"\\s*:\\s*([0-9.]+)");

	private final HttpClient http;

	private final int managementPort;

	private final List<Integer> ports;

	private final Map<Integer, List<long[]>> counts = new ConcurrentHashMap<>();

	private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();

	LoadBalancerChoices(HttpClient http, int managementPort, List<Integer> ports) {
		this.http = http;
		this.managementPort = managementPort;
		this.ports = ports;
	}

	void start() {
		this.poller.scheduleWithFixedDelay(this::poll, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
	}

	void stop() throws InterruptedException {
		this.poller.shutdown();
		this.poller.awaitTermination(5, TimeUnit.SECONDS);
	}

	private void poll() {
		for (int port : this.ports) {
			long count = failedCount(port);
			List<long[]> samples = this.counts.computeIfAbsent(port, (key) -> new ArrayList<>());
			synchronized (samples) {
				if (samples.isEmpty() || samples.get(samples.size() - 1)[1] != count) {
					samples.add(new long[] { System.nanoTime(), count });
				}
			}
		}
	}

	private long failedCount(int port) {
		URI uri = URI.create("http://127.0.0.1:" + this.managementPort
				+ "/actuator/metrics/loadbalancer.requests.failed?tag=serviceInstance.port:" + port);
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.ofString());
			Matcher matcher = COUNT.matcher(response.body());
			return (response.statusCode() == 200 && matcher.find()) ? (long) Double.parseDouble(matcher.group(1)) : 0;
		}
		catch (Exception ex) {
			return lastCount(port);
		}
	}

	private long lastCount(int port) {
		List<long[]> samples = this.counts.getOrDefault(port, List.of());
		synchronized (samples) {
			return samples.isEmpty() ? 0 : samples.get(samples.size() - 1)[1];
		}
	}

	/**
	 * How many failed choices of the instance on a port the portal made in a window.
	 * @param port the instance's port
	 * @param from the start of the window (from {@link System#nanoTime()})
	 * @param to its end
	 * @return the failed choices seen in the window
	 */
	long failedBetween(int port, long from, long to) {
		return countAt(port, to) - countAt(port, from);
	}

	private long countAt(int port, long time) {
		long count = 0;
		for (long[] sample : samples(port)) {
			if (sample[0] <= time) {
				count = sample[1];
			}
		}
		return count;
	}

	/**
	 * When the portal's count of failed choices of the instance on a port last grew after
	 * a moment, to within the polling period.
	 * @param port the instance's port
	 * @param from the moment
	 * @return the time, empty when it did not grow since
	 */
	OptionalLong lastFailedChoice(int port, long from) {
		long before = countAt(port, from);
		return samples(port).stream()
			.filter((sample) -> sample[0] > from && sample[1] > before)
			.mapToLong((sample) -> sample[0])
			.max();
	}

	private List<long[]> samples(int port) {
		List<long[]> samples = this.counts.getOrDefault(port, List.of());
		synchronized (samples) {
			return new ArrayList<>(samples);
		}
	}

}
