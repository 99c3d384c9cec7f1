package io.dnssd.boot.dns;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.dnssd.boot.model.InstanceSource;
import io.dnssd.boot.model.Resolution;
import io.dnssd.boot.testsupport.NamedServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A first lookup of a DNS-SD service against a local BIND, no cache: the starter's
 * {@code InstanceSource} against the minimum done by hand with dnsjava, the same queries
 * sent one after the other and in parallel rounds (PTR; then every SRV and TXT at once;
 * then the addresses the answers lack). Each trial also counts the queries a lookup costs
 * in BIND's query log. Run with {@code benchmarks/cold-lookup.sh}; needs {@code named}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ColdLookupBenchmark {

	private static final String ZONE = "bench.test";

	/**
	 * The bound on queries in flight of the parallel lookup by hand, the starter's
	 * default {@code dnssd.dns.max-concurrent-queries}.
	 */
	static final int IN_FLIGHT = 32;

	private static final Name SERVICE_TYPE = Name.fromConstantString("_calc._tcp." + ZONE + ".");

	@Benchmark
	public Resolution ours(Zone zone) {
		return zone.source.resolve("calc");
	}

	@Benchmark
	public List<Message> byHandSequential(Zone zone) throws IOException {
		List<Message> answers = new ArrayList<>();
		Message pointers = zone.resolver.send(query(SERVICE_TYPE, Type.PTR));
		answers.add(pointers);
		List<Message> records = new ArrayList<>();
		for (Record pointer : pointers.getSection(Section.ANSWER)) {
			Name instance = ((PTRRecord) pointer).getTarget();
			records.add(zone.resolver.send(query(instance, Type.SRV)));
			records.add(zone.resolver.send(query(instance, Type.TXT)));
		}
		answers.addAll(records);
		for (Name target : targetsWithoutAddress(records)) {
			answers.add(zone.resolver.send(query(target, Type.A)));
		}
		return answers;
	}

	@Benchmark
	public List<Message> byHandParallel(Zone zone) throws IOException, InterruptedException {
		List<Message> answers = new ArrayList<>();
		Message pointers = zone.resolver.send(query(SERVICE_TYPE, Type.PTR));
		answers.add(pointers);
		List<Message> questions = new ArrayList<>();
		for (Record pointer : pointers.getSection(Section.ANSWER)) {
			Name instance = ((PTRRecord) pointer).getTarget();
			questions.add(query(instance, Type.SRV));
			questions.add(query(instance, Type.TXT));
		}
		List<Message> records = sendAll(zone, questions);
		answers.addAll(records);
		answers.addAll(
				sendAll(zone, targetsWithoutAddress(records).stream().map((target) -> query(target, Type.A)).toList()));
		return answers;
	}

	/**
	 * Sends the queries in parallel, at most {@link #IN_FLIGHT} at a time: with every
	 * query of a 1,000-instance lookup in flight at once, UDP answers are lost here and
	 * the lookup waits out a timeout.
	 * @param zone the server to ask
	 * @param queries the queries
	 * @return the answers, in the order of the queries
	 * @throws InterruptedException if interrupted while waiting for a permit
	 */
	private static List<Message> sendAll(Zone zone, List<Message> queries) throws InterruptedException {
		Semaphore permits = new Semaphore(IN_FLIGHT);
		List<CompletableFuture<Message>> pending = new ArrayList<>(queries.size());
		for (Message query : queries) {
			permits.acquire();
			pending.add(zone.resolver.sendAsync(query)
				.toCompletableFuture()
				.whenComplete((answer, failure) -> permits.release()));
		}
		return pending.stream().map(CompletableFuture::join).toList();
	}

	private static List<Name> targetsWithoutAddress(List<Message> answers) {
		List<Name> missing = new ArrayList<>();
		for (Message answer : answers) {
			for (Record record : answer.getSection(Section.ANSWER)) {
				if (record instanceof SRVRecord srv) {
					boolean hasAddress = answer.getSection(Section.ADDITIONAL)
						.stream()
						.anyMatch((extra) -> extra.getType() == Type.A && extra.getName().equals(srv.getTarget()));
					if (!hasAddress) {
						missing.add(srv.getTarget());
					}
				}
			}
		}
		return missing;
	}

	private static Message query(Name name, int type) {
		return Message.newQuery(Record.newRecord(name, type, DClass.IN));
	}

	/**
	 * A BIND serving one DNS-SD service of the given size.
	 */
	@State(Scope.Benchmark)
	public static class Zone {

		@Param({ "1", "10", "100", "1000" })
		int instances;

		private Path directory;

		NamedServer named;

		InstanceSource source;

		SimpleResolver resolver;

		@Setup(Level.Trial)
		public void start() throws Exception {
			StringBuilder records = new StringBuilder("_services._dns-sd._udp PTR _calc._tcp\n");
			for (int i = 0; i < this.instances; i++) {
				records.append("_calc._tcp PTR calc-").append(i).append("._calc._tcp\n");
				records.append("calc-").append(i).append("._calc._tcp SRV 0 1 8080 host-").append(i).append('\n');
				records.append("calc-").append(i).append("._calc._tcp TXT \"version=1.0.0\" \"stage=bench\"\n");
				records.append("host-").append(i).append(" A 127.0.").append(i / 250).append('.').append(1 + i % 250);
				records.append('\n');
			}
			this.directory = Files.createTempDirectory("cold-lookup");
			this.named = NamedServer.start(this.directory, ZONE, records.toString());
			try {
				InetSocketAddress server = new InetSocketAddress("127.0.0.1", this.named.port());
				this.resolver = new SimpleResolver(server);
				this.resolver.setTimeout(Duration.ofSeconds(2));
				ExtendedResolver starterResolver = new ExtendedResolver(List.of(new SimpleResolver(server)));
				SimpleResolver tcp = new SimpleResolver(server);
				tcp.setTCP(true);
				DnsQueryClient client = new DnsQueryClient(starterResolver, tcp, List.of(), 1, 32);
				DnsProperties dns = new DnsProperties();
				dns.setServers(List.of(this.named.address()));
				this.source = new DnsInstanceSourceFactory(client, dns, new DnsDiscoveryProperties(), Set.of(), 100_000)
					.create(ZONE, LookupMode.DNS_SD);
				int found = this.source.resolve("calc").instances().size();
				if (found != this.instances) {
					throw new IllegalStateException("Found " + found + " of " + this.instances + " instances");
				}
				System.out.println("Queries per lookup, " + this.instances + " instances: ours "
						+ queries(() -> this.source.resolve("calc")) + ", by hand "
						+ queries(() -> new ColdLookupBenchmark().byHandParallel(this)));
				System.out.println("Heap retained per instance, " + this.instances + " instances: "
						+ retainedBytesPerInstance() + " bytes");
			}
			catch (Exception ex) {
				// JMH skips the tear-down of a trial whose set-up failed
				this.named.close();
				throw ex;
			}
		}

		/**
		 * What the cache holds for one instance: the heap that a number of resolutions
		 * kept alive takes after a full collection, per instance.
		 * @return bytes per instance
		 */
		private long retainedBytesPerInstance() {
			int copies = Math.max(2, Math.min(200, 20_000 / this.instances));
			long before = usedAfterCollection();
			List<Resolution> held = new ArrayList<>(copies);
			for (int i = 0; i < copies; i++) {
				held.add(this.source.resolve("calc"));
			}
			long after = usedAfterCollection();
			long perInstance = (after - before) / ((long) copies * this.instances);
			if (held.size() != copies) {
				throw new IllegalStateException("Resolutions were not held");
			}
			return perInstance;
		}

		private static long usedAfterCollection() {
			MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
			for (int i = 0; i < 3; i++) {
				System.gc();
			}
			return memory.getHeapMemoryUsage().getUsed();
		}

		private int queries(LookupAction lookup) throws Exception {
			int before = this.named.queryLog().size();
			lookup.run();
			// BIND writes its query log asynchronously
			Thread.sleep(500);
			return this.named.queryLog().size() - before;
		}

		@TearDown(Level.Trial)
		public void stop() throws Exception {
			this.named.close();
		}

	}

	/**
	 * One lookup, for counting its queries.
	 */
	@FunctionalInterface
	interface LookupAction {

		void run() throws Exception;

	}

}
