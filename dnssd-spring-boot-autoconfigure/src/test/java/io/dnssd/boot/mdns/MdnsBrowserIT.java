package io.dnssd.boot.mdns;

import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.dnssd.boot.DnsSdScheduler;
import io.dnssd.boot.model.Instance;
import io.dnssd.boot.model.LookupFailedException;
import io.dnssd.boot.model.Resolution;
import io.dnssd.boot.testsupport.LoopbackOnlyNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The browser's continuous querying as another socket on loopback sees it, in a namespace
 * that holds only loopback: a first query that could not be sent is sent later, a type no
 * longer used is no longer queried, and a first lookup gathers every responder's answer.
 */
class MdnsBrowserIT {

	private static final Name TYPE = Name.fromConstantString("_browsed._tcp.local.");

	private final List<Name> queried = new CopyOnWriteArrayList<>();

	private NetworkInterface loopback;

	private DnsSdScheduler scheduler;

	private MdnsTransport listening;

	private MdnsTransport browsing;

	private MdnsTimers timers;

	@BeforeEach
	void listen() {
		LoopbackOnlyNetwork.require();
		this.loopback = MdnsInterfaces.resolve(List.of()).get(0);
		this.scheduler = DnsSdScheduler.create(false);
		this.listening = new MdnsTransport(List.of(this.loopback), false);
		this.listening.addListener((packet) -> {
			if (!packet.isResponse()) {
				for (Record question : packet.message().getSection(Section.QUESTION)) {
					this.queried.add(question.getName());
				}
			}
		});
		this.listening.probe();
		this.timers = new MdnsTimers(this.scheduler.taskScheduler());
	}

	@AfterEach
	void close() throws Exception {
		if (this.timers != null) {
			this.timers.close();
		}
		if (this.browsing != null) {
			this.browsing.close();
		}
		if (this.listening != null) {
			this.listening.close();
		}
		if (this.scheduler != null) {
			this.scheduler.close();
		}
	}

	@Test
	void aFirstQueryThatCouldNotBeSentIsSentLater() {
		this.browsing = new MdnsTransport(List.of(this.loopback), false, new FailingChannelOpener(1));
		MdnsBrowser browser = browser();
		assertThatExceptionOfType(LookupFailedException.class)
			.isThrownBy(() -> browser.resolve(TYPE, Duration.ofMillis(100)))
			.withMessageContaining("could not be sent");
		assertThat(this.queried).doesNotContain(TYPE);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.queried.contains(TYPE));
		assertThat(this.browsing.isOpen()).isTrue();
	}

	@Test
	void aTypeNoLongerBrowsedIsNoLongerQueried() throws InterruptedException {
		this.browsing = new MdnsTransport(List.of(this.loopback), false);
		MdnsBrowser browser = browser();
		browser.resolve(TYPE, Duration.ofMillis(100));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.queried.contains(TYPE));
		browser.stopBrowsing(TYPE);
		int before = count();
		Thread.sleep(3500);
		assertThat(count()).isEqualTo(before);
		browser.resolve(TYPE, Duration.ofMillis(100));
		await().atMost(Duration.ofSeconds(5)).until(() -> count() > before);
	}

	@Test
	void aFirstLookupWaitsForEveryResponderAndTheRecordsThatCompleteTheirInstances() throws Exception {
		this.browsing = new MdnsTransport(List.of(this.loopback), false);
		MdnsBrowser browser = browser();
		ScheduledExecutorService responders = Executors.newSingleThreadScheduledExecutor();
		try {
			this.listening.addListener((packet) -> answer(packet, responders));
			ExecutorService callers = Executors.newFixedThreadPool(2);
			try {
				List<Future<Resolution>> lookups = List.of(
						callers.submit(() -> browser.resolve(TYPE, Duration.ofSeconds(2))),
						callers.submit(() -> browser.resolve(TYPE, Duration.ofSeconds(2))));
				for (Future<Resolution> lookup : lookups) {
					assertThat(lookup.get(5, TimeUnit.SECONDS).instances()).extracting(Instance::id)
						.containsExactlyInAnyOrder("early", "late");
				}
			}
			finally {
				callers.shutdownNow();
			}
		}
		finally {
			responders.shutdownNow();
		}
	}

	/**
	 * Two responders as RFC 6762 §6 lets them answer a query for {@link #TYPE}: one at
	 * once with the whole instance, one 120 ms later with its pointer alone, giving its
	 * other records only when they are asked for.
	 */
	private void answer(MdnsPacket packet, ScheduledExecutorService responders) {
		if (packet.isResponse()) {
			return;
		}
		for (Record question : packet.message().getSection(Section.QUESTION)) {
			Name name = question.getName();
			if (name.equals(TYPE)) {
				respond(instanceRecords("early", 1), 0, responders);
				respond(List.of(pointer("late")), 120, responders);
			}
			else if (name.equals(instance("late"))) {
				respond(instanceRecords("late", 2).subList(1, 4), 20, responders);
			}
		}
	}

	private void respond(List<Record> records, long delayMillis, ScheduledExecutorService responders) {
		Message response = new Message(0);
		response.getHeader().setFlag(Flags.QR);
		response.getHeader().setFlag(Flags.AA);
		records.forEach((record) -> response.addRecord(record, Section.ANSWER));
		responders.schedule(() -> this.listening.multicast(response), delayMillis, TimeUnit.MILLISECONDS);
	}

	private static List<Record> instanceRecords(String label, int address) {
		Name instance = instance(label);
		Name host = Name.fromConstantString(label + "-host.local.");
		return List.of(pointer(label), new SRVRecord(instance, DClass.IN, 120, 0, 0, 8080, host),
				new TXTRecord(instance, DClass.IN, 120, "version=1"),
				new ARecord(host, DClass.IN, 120, new InetSocketAddress("127.0.0." + address, 0).getAddress()));
	}

	private static Record pointer(String label) {
		return new PTRRecord(TYPE, DClass.IN, 120, instance(label));
	}

	private static Name instance(String label) {
		return Name.fromConstantString(label + "." + TYPE);
	}

	private MdnsBrowser browser() {
		MdnsBrowser browser = new MdnsBrowser(this.browsing, new MdnsCache(Clock.systemUTC()), this.timers,
				Duration.ofMinutes(1), false);
		this.browsing.addListener(browser);
		return browser;
	}

	private int count() {
		return (int) this.queried.stream().filter(TYPE::equals).count();
	}

}
