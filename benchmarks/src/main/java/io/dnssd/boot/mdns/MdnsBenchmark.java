package io.dnssd.boot.mdns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;

import io.dnssd.boot.DnsSdScheduler;
import io.dnssd.boot.model.Attributes;
import io.dnssd.boot.model.InstanceName;
import io.dnssd.boot.model.ServiceName;
import io.dnssd.boot.model.ServiceRegistration;

/**
 * Load harness for the choice between this starter's multicast DNS implementation and
 * jmDNS: how long a newly registered instance takes to become visible to a running
 * browser, how long a deregistered one takes to disappear, how long shutting a responder
 * down takes and how many threads each responder adds. Every figure is also given as a
 * ratio to a baseline measured in the same run: one multicast datagram's trip over
 * loopback. Run it with {@code benchmarks/mdns.sh}, which starts it in a network
 * namespace holding only loopback.
 */
public final class MdnsBenchmark {

	private static final DnsSdScheduler SCHEDULER = DnsSdScheduler.create(false);

	private static final String TYPE = "_calc._tcp.local.";

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private MdnsBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 10;
		NetworkInterface loopback = NetworkInterface.getByName("lo");
		double baselineMs = datagramRoundTripMs(loopback, 200);
		System.out.printf(Locale.ROOT, "Baseline: one multicast datagram over loopback, median %.3f ms%n", baselineMs);
		List<Result> ours = measureOurs(loopback, rounds);
		List<Result> jmdns = measureJmdns(rounds);
		report("dnssd-spring-boot", ours, baselineMs);
		report("jmDNS 3.6.5", jmdns, baselineMs);
	}

	private static List<Result> measureOurs(NetworkInterface loopback, int rounds) throws Exception {
		List<Result> results = new ArrayList<>();
		try (MdnsEngine browserEngine = new MdnsEngine(List.of(loopback), false, Duration.ofMinutes(1),
				SCHEDULER.taskScheduler())) {
			MdnsInstanceSource source = new MdnsInstanceSource(browserEngine, Duration.ofMillis(200));
			AtomicReference<Runnable> onChange = new AtomicReference<>(() -> {
			});
			source.subscribe((serviceId) -> onChange.get().run());
			source.resolve("calc");
			for (int round = 0; round < rounds; round++) {
				String id = "calc-" + round;
				CountDownLatch visible = new CountDownLatch(1);
				CountDownLatch gone = new CountDownLatch(1);
				onChange.set(() -> {
					boolean present = source.resolve("calc").instances().stream().anyMatch((i) -> i.id().equals(id));
					(present ? visible : gone).countDown();
				});
				int threadsBefore = Thread.getAllStackTraces().size();
				MdnsEngine engine = new MdnsEngine(List.of(loopback), false, Duration.ofMinutes(1),
						SCHEDULER.taskScheduler());
				ServiceRegistration registration = new ServiceRegistration(new ServiceName("calc"),
						new InstanceName(id), InetAddress.getByName("127.0.0.1"), 20000 + round, 0, 0,
						Attributes.of(Map.of("version", "1")));
				long start = System.nanoTime();
				engine.responder().publish(registration, Duration.ofSeconds(120));
				long visibleAt = await(visible);
				int threads = Thread.getAllStackTraces().size() - threadsBefore;
				Thread.sleep(200);
				long stop = System.nanoTime();
				engine.responder().unpublish(registration);
				long goneAt = await(gone);
				long closeStart = System.nanoTime();
				engine.close();
				long closed = System.nanoTime();
				results.add(new Result(ms(visibleAt - start), ms(goneAt - stop), ms(closed - closeStart), threads));
			}
		}
		return results;
	}

	private static List<Result> measureJmdns(int rounds) throws Exception {
		List<Result> results = new ArrayList<>();
		InetAddress loopback = InetAddress.getByName("127.0.0.1");
		AtomicReference<String> wanted = new AtomicReference<>("");
		AtomicReference<CountDownLatch> visible = new AtomicReference<>(new CountDownLatch(1));
		AtomicReference<CountDownLatch> gone = new AtomicReference<>(new CountDownLatch(1));
		JmDNS browser = JmDNS.create(loopback, "browser");
		try {
			browser.addServiceListener(TYPE, new ServiceListener() {

				@Override
				public void serviceAdded(ServiceEvent event) {
					event.getDNS().requestServiceInfo(event.getType(), event.getName(), 1);
				}

				@Override
				public void serviceRemoved(ServiceEvent event) {
					if (event.getName().equals(wanted.get())) {
						gone.get().countDown();
					}
				}

				@Override
				public void serviceResolved(ServiceEvent event) {
					if (event.getName().equals(wanted.get())) {
						visible.get().countDown();
					}
				}

			});
			for (int round = 0; round < rounds; round++) {
				String id = "calc-" + round;
				wanted.set(id);
				visible.set(new CountDownLatch(1));
				gone.set(new CountDownLatch(1));
				int threadsBefore = Thread.getAllStackTraces().size();
				long start = System.nanoTime();
				JmDNS publisher = JmDNS.create(loopback, "publisher-" + round);
				ServiceInfo info = ServiceInfo.create(TYPE, id, 20000 + round, "version=1");
				publisher.registerService(info);
				long visibleAt = await(visible.get());
				int threads = Thread.getAllStackTraces().size() - threadsBefore;
				Thread.sleep(200);
				long stop = System.nanoTime();
				publisher.unregisterService(info);
				long goneAt = await(gone.get());
				long closeStart = System.nanoTime();
				publisher.close();
				long closed = System.nanoTime();
				results.add(new Result(ms(visibleAt - start), ms(goneAt - stop), ms(closed - closeStart), threads));
			}
		}
		finally {
			browser.close();
		}
		return results;
	}

	/**
	 * Returns when the latch opened, or {@code Long.MAX_VALUE} if it did not within the
	 * patience.
	 * @param latch the latch
	 * @return the time it opened, from {@link System#nanoTime()}
	 */
	private static long await(CountDownLatch latch) throws InterruptedException {
		return latch.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS) ? System.nanoTime() : Long.MAX_VALUE;
	}

	private static double datagramRoundTripMs(NetworkInterface loopback, int samples) throws IOException {
		InetAddress group = InetAddress.getByName("224.0.0.251");
		try (DatagramChannel sender = DatagramChannel.open(StandardProtocolFamily.INET);
				DatagramChannel receiver = DatagramChannel.open(StandardProtocolFamily.INET)) {
			receiver.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			receiver.bind(new InetSocketAddress(45353));
			receiver.join(group, loopback);
			sender.setOption(StandardSocketOptions.IP_MULTICAST_IF, loopback);
			List<Double> times = new ArrayList<>();
			ByteBuffer buffer = ByteBuffer.allocate(64);
			for (int i = 0; i < samples; i++) {
				long start = System.nanoTime();
				sender.send(ByteBuffer.wrap(new byte[] { 1, 2, 3 }), new InetSocketAddress(group, 45353));
				buffer.clear();
				receiver.receive(buffer);
				times.add(ms(System.nanoTime() - start));
			}
			return median(times);
		}
	}

	private static void report(String name, List<Result> results, double baselineMs) {
		System.out.printf(Locale.ROOT, "%n%s, %d rounds:%n", name, results.size());
		line("visible after registering", results.stream().map(Result::visibleMs).toList(), baselineMs);
		line("gone after deregistering", results.stream().map(Result::goneMs).toList(), baselineMs);
		line("shutdown of the responder", results.stream().map(Result::closeMs).toList(), baselineMs);
		List<Double> threads = results.stream().map((r) -> (double) r.threads()).toList();
		System.out.printf(Locale.ROOT, "  %-28s median %.0f, max %.0f%n", "threads added", median(threads),
				Collections.max(threads));
	}

	private static void line(String what, List<Double> values, double baselineMs) {
		long missed = values.stream().filter((v) -> v > PATIENCE.toMillis()).count();
		double median = median(values);
		double p90 = percentile(values, 0.9);
		System.out.printf(Locale.ROOT, "  %-28s median %9.1f ms (%8.0fx baseline), p90 %9.1f ms%s%n", what, median,
				median / baselineMs, p90, (missed > 0) ? ", not within " + PATIENCE.toSeconds() + " s: " + missed : "");
	}

	private static double median(List<Double> values) {
		return percentile(values, 0.5);
	}

	private static double percentile(List<Double> values, double fraction) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(fraction * sorted.size()) - 1));
	}

	private static double ms(long nanos) {
		return (nanos == Long.MAX_VALUE || nanos < 0) ? Double.POSITIVE_INFINITY : nanos / 1_000_000.0;
	}

	private record Result(double visibleMs, double goneMs, double closeMs, int threads) {
	}

}
