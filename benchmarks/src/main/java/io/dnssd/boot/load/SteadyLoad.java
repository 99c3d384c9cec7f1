package io.dnssd.boot.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A steady rate of requests through the portal, their outcomes, and when each calc
 * instance (by port, read from the {@code instance} field of the answer) served one.
 */
final class SteadyLoad {

	private static final Pattern INSTANCE = Pattern.compile("\"instance\"\\s*:\\s*\"[^\"]*:(\\d+)\"");

	private final HttpClient http;

	private final URI uri;

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

	private final Map<Integer, List<Long>> served = new ConcurrentHashMap<>();

	private volatile long firstFailure;

	private volatile long lastFailure;

	SteadyLoad(HttpClient http, URI uri) {
		this.http = http;
		this.uri = uri;
	}

	void start(int rate) {
		long period = TimeUnit.SECONDS.toMicros(1) / rate;
		this.ticker.scheduleAtFixedRate(this::send, 0, period, TimeUnit.MICROSECONDS);
	}

	private void send() {
		this.sent.incrementAndGet();
		HttpRequest request = HttpRequest.newBuilder(this.uri).timeout(Duration.ofSeconds(10)).build();
		this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
			if (error != null) {
				failed(error.getClass().getSimpleName());
			}
			else if (response.statusCode() != 200) {
				failed("HTTP " + response.statusCode());
			}
			else {
				servedBy(response.body());
			}
		});
	}

	private void servedBy(String body) {
		long now = System.nanoTime();
		Matcher matcher = INSTANCE.matcher(body);
		if (matcher.find()) {
			List<Long> times = this.served.computeIfAbsent(Integer.parseInt(matcher.group(1)),
					(port) -> new ArrayList<>());
			synchronized (times) {
				times.add(now);
			}
		}
	}

	private void failed(String cause) {
		long now = System.nanoTime();
		if (this.failed.getAndIncrement() == 0) {
			this.firstFailure = now;
		}
		this.lastFailure = now;
		this.failures.computeIfAbsent(cause, (key) -> new AtomicLong()).incrementAndGet();
	}

	/**
	 * The last time (from {@link System#nanoTime()}) the instance on a port answered a
	 * request through the portal within a window.
	 * @param port the instance's port
	 * @param from the start of the window
	 * @param to the end of the window
	 * @return the time, empty when it answered none in the window
	 */
	OptionalLong lastServed(int port, long from, long to) {
		return times(port).stream().filter((time) -> time >= from && time < to).mapToLong(Long::longValue).max();
	}

	/**
	 * The first time the instance on a port answered a request after a moment.
	 * @param port the instance's port
	 * @param from the moment
	 * @return the time, empty when it answered none since
	 */
	OptionalLong firstServed(int port, long from) {
		return times(port).stream().filter((time) -> time >= from).mapToLong(Long::longValue).min();
	}

	private List<Long> times(int port) {
		List<Long> times = this.served.getOrDefault(port, List.of());
		synchronized (times) {
			return new ArrayList<>(times);
		}
	}

	void stop() throws InterruptedException {
		this.ticker.shutdown();
		this.ticker.awaitTermination(5, TimeUnit.SECONDS);
		// answers still in flight
		Thread.sleep(11_000);
	}

	long sent() {
		return this.sent.get();
	}

	long failed() {
		return this.failed.get();
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
