package io.dnssd.boot.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
	public List<Message> byHandParallel(Zone zone) throws IOException {
		List<Message> answers = new ArrayList<>();
		Message pointers = zone.resolver.send(query(SERVICE_TYPE, Type.PTR));
		answers.add(pointers);
		List<CompletableFuture<Message>> pending = new ArrayList<>();
		for (Record pointer : pointers.getSection(Section.ANSWER)) {
			Name instance = ((PTRRecord) pointer).getTarget();
			pending.add(zone.resolver.sendAsync(query(instance, Type.SRV)).toCompletableFuture());
			pending.add(zone.resolver.sendAsync(query(instance, Type.TXT)).toCompletableFuture());
		}
		List<Message> records = pending.stream().map(CompletableFuture::join).toList();
		answers.addAll(records);
		List<CompletableFuture<Message>> addresses = new ArrayList<>();
		for (Name target : targetsWithoutAddress(records)) {
			addresses.add(zone.resolver.sendAsync(query(target, Type.A)).toCompletableFuture());
		}
		addresses.stream().map(CompletableFuture::join).forEach(answers::add);
		return answers;
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

		@Param({ "1", "10", "100" })
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
