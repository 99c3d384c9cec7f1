package io.dnssd.boot.dns;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import io.dnssd.boot.DnsSdSchedulerAutoConfiguration;
import io.dnssd.boot.discovery.DiscoveryAutoConfiguration;
import io.dnssd.boot.testsupport.ScriptedDnsServer;
import io.dnssd.boot.testsupport.ScriptedDnsServer.Script;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Discovery against a responder that sends what no well-behaved server sends: silence,
 * truncated and cut messages, wrong ids and questions, compression loops, random and
 * mutated bytes, error codes, thousands of PTRs, a TXT set of 60 KB, TTLs of 0 and
 * 2^31-1, NXDOMAIN flapping. For each, in turn: a first lookup that meets it, a good
 * answer, then four seconds of it while the application keeps asking. No exception
 * escapes {@code getInstances}, no call waits longer than a bound, what is served stays
 * within the configured limits (and is the last good answer where the reply is an error),
 * the log gets a bounded number of WARN lines, and a good answer is served again once the
 * responder behaves. Each case prints one line of figures for docs/benchmarks.md.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileAnswersIT {

	private static final String ZONE = "hostile.test.";

	private static final Name SERVICE = name("_calc._tcp." + ZONE);

	private static final Name HOST = name("host." + ZONE);

	private static final Duration HOSTILE_WINDOW = Duration.ofSeconds(4);

	private static final Duration LONGEST_CALL = Duration.ofSeconds(5);

	private static final int MAX_WARN_LINES = 20;

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void discoverySurvivesAHostileResponder(Case hostileCase, CapturedOutput output) throws Exception {
		Script hostile = hostileCase.script();
		try (ScriptedDnsServer server = ScriptedDnsServer.start(hostile)) {
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(DnsSdSchedulerAutoConfiguration.class,
						DnsAutoConfiguration.class, DiscoveryAutoConfiguration.class))
				.withPropertyValues("dnssd.backend=dns", "dnssd.domain=" + ZONE,
						"dnssd.dns.servers=" + server.address(), "dnssd.dns.timeout=500ms",
						"dnssd.discovery.min-ttl=1s", "dnssd.discovery.max-ttl=2s", "dnssd.discovery.stale-if-error=5m")
				.run((context) -> {
					DiscoveryClient client = context.getBean(DiscoveryClient.class);
					long first = timedCall(client).nanos();
					server.answer(good(1));
					await().atMost(Duration.ofSeconds(10)).until(() -> isGood(client.getInstances("calc")));
					int outputBefore = output.getOut().length();
					int queriesBefore = server.queries();
					server.answer(hostile);
					long longest = first;
					int fewest = Integer.MAX_VALUE;
					int most = 0;
					long end = System.nanoTime() + HOSTILE_WINDOW.toNanos();
					while (System.nanoTime() < end) {
						Call call = timedCall(client);
						longest = Math.max(longest, call.nanos());
						fewest = Math.min(fewest, call.instances().size());
						most = Math.max(most, call.instances().size());
						assertThat(call.instances()).hasSizeLessThanOrEqualTo(1000);
						if (hostileCase.expect() != Expect.ANY_ANSWER) {
							assertThat(isGood(call.instances())).as("the good answer is served").isTrue();
						}
						Thread.sleep(20);
					}
					int queries = server.queries() - queriesBefore;
					long warnings = output.getOut()
						.substring(outputBefore)
						.lines()
						.filter((line) -> line.contains(" WARN "))
						.count();
					server.answer(good(1));
					await().atMost(Duration.ofSeconds(10)).until(() -> isGood(client.getInstances("calc")));
					System.out.printf(Locale.ROOT,
							"HOSTILE | %s | %d queries in %d s | longest getInstances %d ms | %d to %d instances"
									+ " served | %d WARN lines%n",
							hostileCase.name(), queries, HOSTILE_WINDOW.toSeconds(),
							Duration.ofNanos(longest).toMillis(), fewest, most, warnings);
					assertThat(Duration.ofNanos(longest)).isLessThan(LONGEST_CALL);
					assertThat(warnings)
						.isLessThanOrEqualTo((hostileCase.expect() == Expect.ANSWER) ? 0 : MAX_WARN_LINES);
				});
		}
	}

	static Stream<Case> cases() {
		Random random = new Random(2026);
		AtomicInteger flaps = new AtomicInteger();
		return Stream.of(new Case("silence", script((query) -> List.of(), (query) -> null), Expect.LAST_GOOD_ANSWER),
				new Case("truncated UDP, TCP closed", script((query) -> List.of(truncated(query)), (query) -> null),
						Expect.LAST_GOOD_ANSWER),
				new Case("TCP length longer than the message",
						script((query) -> List.of(truncated(query)),
								(query) -> ByteBuffer.allocate(22).putShort((short) 500).put(new byte[20]).array()),
						Expect.LAST_GOOD_ANSWER),
				new Case("wrong id, TCP closed",
						script((query) -> List.of(withId(good(1).udpAnswer(query), query.getHeader().getID() + 1)),
								(query) -> null),
						Expect.LAST_GOOD_ANSWER),
				new Case("wrong question, TCP closed",
						script((query) -> List.of(wrongQuestion(query)), (query) -> null), Expect.LAST_GOOD_ANSWER),
				new Case("compression loop",
						script((query) -> List.of(compressionLoop(query)),
								(query) -> ScriptedDnsServer.framed(compressionLoop(query))),
						Expect.LAST_GOOD_ANSWER),
				new Case("random bytes, TCP closed",
						script((query) -> List.of(randomBytes(random, query)), (query) -> null),
						Expect.LAST_GOOD_ANSWER),
				new Case("SERVFAIL", script((query) -> List.of(rcode(query, Rcode.SERVFAIL)), (query) -> null),
						Expect.LAST_GOOD_ANSWER),
				new Case("REFUSED", script((query) -> List.of(rcode(query, Rcode.REFUSED)), (query) -> null),
						Expect.LAST_GOOD_ANSWER),
				new Case("10,000 PTRs announced, message cut at 64 KB",
						script((query) -> List.of(truncated(query)),
								(query) -> ScriptedDnsServer.framed(announcedPointers(query, 10_000))),
						Expect.LAST_GOOD_ANSWER),
				new Case("spoofed UDP reply (wrong id), answer over TCP",
						script((query) -> List.of(withId(good(1).udpAnswer(query), query.getHeader().getID() + 1)),
								good(1)::tcp),
						Expect.ANSWER),
				new Case("spoofed UDP reply (wrong question), answer over TCP",
						script((query) -> List.of(wrongQuestion(query), good(1).udpAnswer(query)), good(1)::tcp),
						Expect.ANSWER),
				new Case("mutated answers",
						script((query) -> List.of(mutated(random, good(1).udpAnswer(query))),
								(query) -> ScriptedDnsServer.framed(mutated(random, good(1).tcpAnswer(query)))),
						Expect.ANY_ANSWER),
				new Case("3,000 PTRs", new GoodZone(1, 3000, 0), Expect.ANY_ANSWER),
				new Case("TXT set of 60 KB", new GoodZone(1, 2, 240), Expect.ANSWER),
				new Case("TTL 0", good(0), Expect.ANSWER),
				new Case("TTL 2^31-1", good(Integer.MAX_VALUE), Expect.ANSWER),
				new Case(
						"NXDOMAIN flapping", script((query) -> List.of((flaps.incrementAndGet() % 2 == 0)
								? rcode(query, Rcode.NXDOMAIN) : good(1).udpAnswer(query)), good(1)::tcp),
						Expect.ANY_ANSWER));
	}

	private static Script script(Function<Message, List<byte[]>> udp, Function<Message, byte @Nullable []> tcp) {
		return new Script() {

			@Override
			public List<byte[]> udp(Message query) {
				return udp.apply(query);
			}

			@Override
			public byte @Nullable [] tcp(Message query) {
				return tcp.apply(query);
			}

		};
	}

	private static GoodZone good(long ttl) {
		return new GoodZone(ttl, 2, 1);
	}

	private static boolean isGood(List<ServiceInstance> instances) {
		return instances.size() == 2 && instances.stream()
			.allMatch((instance) -> "127.0.0.62".equals(instance.getHost())
					&& (instance.getPort() == 8080 || instance.getPort() == 8081));
	}

	private static Call timedCall(DiscoveryClient client) {
		long start = System.nanoTime();
		List<ServiceInstance> instances = client.getInstances("calc");
		return new Call(System.nanoTime() - start, instances);
	}

	private static byte[] truncated(Message query) {
		Message reply = reply(query);
		reply.getHeader().setFlag(Flags.TC);
		return reply.toWire();
	}

	private static byte[] rcode(Message query, int rcode) {
		Message reply = reply(query);
		reply.getHeader().setRcode(rcode);
		return reply.toWire();
	}

	private static byte[] withId(byte[] message, int id) {
		byte[] copy = message.clone();
		copy[0] = (byte) (id >> 8);
		copy[1] = (byte) id;
		return copy;
	}

	private static byte[] wrongQuestion(Message query) {
		Message reply = new Message(query.getHeader().getID());
		reply.getHeader().setFlag(Flags.QR);
		reply.getHeader().setFlag(Flags.AA);
		Name other = name("_evil._tcp." + ZONE);
		reply.addRecord(Record.newRecord(other, query.getQuestion().getType(), DClass.IN), Section.QUESTION);
		reply.addRecord(new PTRRecord(SERVICE, DClass.IN, 1, name("evil._calc._tcp." + ZONE)), Section.ANSWER);
		return reply.toWire();
	}

	private static byte[] compressionLoop(Message query) {
		byte[] question = query.getQuestion().toWire(Section.QUESTION);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteBuffer header = ByteBuffer.allocate(12)
			.putShort((short) query.getHeader().getID())
			.putShort((short) 0x8400)
			.putShort((short) 1)
			.putShort((short) 1)
			.putShort((short) 0)
			.putShort((short) 0);
		out.writeBytes(header.array());
		out.writeBytes(question);
		int self = 12 + question.length;
		ByteBuffer answer = ByteBuffer.allocate(14)
			.putShort((short) (0xC000 | self))
			.putShort((short) query.getQuestion().getType())
			.putShort((short) DClass.IN)
			.putInt(1)
			.putShort((short) 2)
			.putShort((short) (0xC000 | self));
		out.writeBytes(answer.array());
		return out.toByteArray();
	}

	private static byte[] randomBytes(Random random, Message query) {
		byte[] bytes = new byte[12 + random.nextInt(500)];
		random.nextBytes(bytes);
		return withId(bytes, query.getHeader().getID());
	}

	private static byte[] mutated(Random random, byte[] message) {
		byte[] copy = message.clone();
		for (int i = 0; i < 3; i++) {
			int at = 2 + random.nextInt(copy.length - 2);
			copy[at] = (byte) random.nextInt(256);
		}
		return copy;
	}

	private static byte[] announcedPointers(Message query, int announced) {
		Message reply = reply(query);
		int count = 0;
		while (reply.toWire().length < 65_000) {
			reply.addRecord(new PTRRecord(SERVICE, DClass.IN, 1, name("i" + (count++) + "._calc._tcp." + ZONE)),
					Section.ANSWER);
		}
		byte[] wire = reply.toWire();
		wire[6] = (byte) (announced >> 8);
		wire[7] = (byte) announced;
		return wire;
	}

	private static Message reply(Message query) {
		Message reply = new Message(query.getHeader().getID());
		reply.getHeader().setFlag(Flags.QR);
		reply.getHeader().setFlag(Flags.AA);
		reply.addRecord(query.getQuestion(), Section.QUESTION);
		return reply;
	}

	private static Name name(String name) {
		try {
			return Name.fromString(name);
		}
		catch (Exception ex) {
			throw new IllegalArgumentException(name, ex);
		}
	}

	/**
	 * The zone a well-behaved server would answer from: PTRs of instances {@code one} and
	 * {@code two} (more, named {@code iN}, when asked), SRV on ports 8080 and 8081 (8082
	 * and up for the others) at {@code host}, a TXT set of a given number of 250-byte
	 * strings, and {@code host} at 127.0.0.62; over UDP an answer too large for 512 bytes
	 * comes truncated, as from a real server.
	 *
	 * @param ttl the TTL of every record
	 * @param instances how many instances the PTR set holds
	 * @param txtStrings how many strings the TXT set of {@code one} holds
	 */
	private record GoodZone(long ttl, int instances, int txtStrings) implements Script {

		@Override
		public List<byte[]> udp(Message query) {
			return List.of(udpAnswer(query));
		}

		byte[] udpAnswer(Message query) {
			byte[] wire = tcpAnswer(query);
			return (wire.length > 512) ? truncated(query) : wire;
		}

		@Override
		public byte[] tcp(Message query) {
			return ScriptedDnsServer.framed(tcpAnswer(query));
		}

		byte[] tcpAnswer(Message query) {
			Message reply = reply(query);
			for (Record record : records(query.getQuestion().getName(), query.getQuestion().getType())) {
				reply.addRecord(record, Section.ANSWER);
			}
			return reply.toWire(65_535);
		}

		private List<Record> records(Name name, int type) {
			List<Record> records = new ArrayList<>();
			if (name.equals(SERVICE) && type == Type.PTR) {
				for (int i = 0; i < this.instances; i++) {
					records.add(new PTRRecord(SERVICE, DClass.IN, this.ttl, instance(i)));
				}
			}
			int index = index(name);
			if (index >= 0 && type == Type.SRV) {
				records.add(new SRVRecord(name, DClass.IN, this.ttl, 0, 1, 8080 + index, HOST));
			}
			if (index >= 0 && type == Type.TXT) {
				List<String> strings = new ArrayList<>(List.of("version=1"));
				for (int i = 1; index == 0 && i < this.txtStrings; i++) {
					strings.add(String.format(Locale.ROOT, "k%03d=", i) + "x".repeat(245));
				}
				records.add(new TXTRecord(name, DClass.IN, this.ttl, strings));
			}
			if (name.equals(HOST) && type == Type.A) {
				records.add(new ARecord(HOST, DClass.IN, this.ttl, address("127.0.0.62")));
			}
			if (name.equals(HOST) && type == Type.AAAA) {
				return List.of();
			}
			return records;
		}

		private Name instance(int index) {
			return switch (index) {
				case 0 -> name("one._calc._tcp." + ZONE);
				case 1 -> name("two._calc._tcp." + ZONE);
				default -> name("i" + index + "._calc._tcp." + ZONE);
			};
		}

		private int index(Name name) {
			for (int i = 0; i < Math.max(this.instances, 2); i++) {
				if (instance(i).equals(name)) {
					return i;
				}
			}
			return -1;
		}

		private static InetAddress address(String address) {
			try {
				return InetAddress.getByName(address);
			}
			catch (Exception ex) {
				throw new IllegalArgumentException(address, ex);
			}
		}

	}

	/**
	 * What the application must be served while the responder misbehaves.
	 */
	private enum Expect {

		/**
		 * The reply is an error or unusable: the last good answer is served.
		 */
		LAST_GOOD_ANSWER,

		/**
		 * The good answer can be had despite the noise: it is served, with no WARN line.
		 */
		ANSWER,

		/**
		 * The replies are valid but odd (mutated, flapping, too many): anything within
		 * the limits may be served.
		 */
		ANY_ANSWER

	}

	/**
	 * One hostile behaviour.
	 *
	 * @param name what it is, in the report
	 * @param script what the responder sends
	 * @param expect what the application must be served meanwhile
	 */
	private record Case(String name, Script script, Expect expect) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	/**
	 * One call of {@code getInstances}.
	 *
	 * @param nanos how long it took
	 * @param instances what it returned
	 */
	private record Call(long nanos, List<ServiceInstance> instances) {
	}

}
