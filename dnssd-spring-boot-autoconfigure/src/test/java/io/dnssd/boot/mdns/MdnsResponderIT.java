package io.dnssd.boot.mdns;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.dnssd.boot.DnsSdScheduler;
import io.dnssd.boot.model.Attributes;
import io.dnssd.boot.model.InstanceName;
import io.dnssd.boot.model.ServiceName;
import io.dnssd.boot.model.ServiceRegistration;
import io.dnssd.boot.testsupport.LoopbackOnlyNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What responders send around a goodbye, as another socket on loopback sees it, in a
 * namespace that holds only loopback.
 */
class MdnsResponderIT {

	private static final Duration TTL = Duration.ofSeconds(120);

	private static final Name TYPE = Name.fromConstantString("_relay._tcp.local.");

	private static final Name ENUMERATION = Name.fromConstantString("_services._dns-sd._udp.local.");

	/** Every response seen, in order. */
	private final List<Message> responses = new CopyOnWriteArrayList<>();

	private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();

	private NetworkInterface loopback;

	private DnsSdScheduler scheduler;

	private MdnsTransport listening;

	@BeforeEach
	void listen() {
		LoopbackOnlyNetwork.require();
		this.loopback = MdnsInterfaces.resolve(List.of()).get(0);
		this.scheduler = DnsSdScheduler.create(false);
		this.listening = new MdnsTransport(List.of(this.loopback), false);
		this.listening.addListener((packet) -> {
			if (packet.isResponse()) {
				this.responses.add(packet.message());
			}
		});
		this.listening.probe();
	}

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.closing) {
			closeable.close();
		}
		if (this.listening != null) {
			this.listening.close();
		}
		if (this.scheduler != null) {
			this.scheduler.close();
		}
	}

	@Test
	void noRecordOfAnInstanceLeavesWithATtlAfterItsGoodbye() throws Exception {
		MdnsResponder responder = responder();
		ServiceRegistration one = registration("one", 9001);
		responder.publish(one, TTL);
		for (int round = 0; round < 5; round++) {
			this.responses.clear();
			this.listening.multicast(query(TYPE));
			// received and its answer delayed by 20 to 120 ms (RFC 6762 §6), then the
			// goodbye
			Thread.sleep(10);
			responder.unpublish(one);
			Thread.sleep(300);
			int goodbye = indexOfGoodbye();
			assertThat(goodbye).as("goodbye sent").isNotNegative();
			assertThat(this.responses.subList(goodbye + 1, this.responses.size()))
				.noneMatch((response) -> carriesLive(response, "one"));
			responder.publish(one, TTL);
		}
	}

	@Test
	void theServiceEnumerationStaysWhileAnotherInstanceOfTheTypeRemains() throws Exception {
		MdnsResponder local = responder();
		local.publish(registration("one", 9001), TTL);
		local.publish(registration("two", 9002), TTL);
		MdnsResponder elsewhere = responder();
		elsewhere.publish(registration("three", 9003), TTL);
		this.responses.clear();
		local.unpublish(registration("one", 9001));
		local.unpublish(registration("two", 9002));
		await().atMost(Duration.ofSeconds(2)).until(() -> indexOfGoodbye() >= 0);
		int goodbyes = indexOfGoodbye();
		assertThat(this.responses.get(goodbyes).getSection(Section.ANSWER))
			.as("the first goodbye keeps the enumeration")
			.noneMatch((record) -> record.getName().equals(ENUMERATION));
		await().atMost(Duration.ofSeconds(1))
			.until(() -> this.responses.stream()
				.skip(goodbyes + 1)
				.flatMap((response) -> response.getSection(Section.ANSWER).stream())
				.anyMatch((record) -> record.getName().equals(ENUMERATION) && record.getTTL() > 0));
	}

	@Test
	void aNameWonIsDefendedAtOnceAndGivenUpWhenAnotherHostKeepsClaimingIt() throws Exception {
		MdnsResponder responder = responder();
		ServiceRegistration one = registration("one", 9001);
		responder.publish(one, TTL);
		// past the second announcement, a second after the first
		Thread.sleep(1200);
		Name instance = Name.fromConstantString("one._relay._tcp.local.");
		Record intruder = new SRVRecord(instance, MdnsRecords.UNIQUE_IN, 120, 0, 1, 7777,
				Name.fromConstantString("intruder.local."));
		this.listening.addListener((packet) -> {
			boolean probesForTheName = !packet.isResponse() && packet.message()
				.getSection(Section.QUESTION)
				.stream()
				.anyMatch((question) -> question.getName().equals(instance));
			if (probesForTheName) {
				this.listening.multicast(response(intruder));
			}
		});
		this.responses.clear();
		long claimed = System.nanoTime();
		this.listening.multicast(response(intruder));
		await().atMost(Duration.ofMillis(500)).until(() -> srvPorts(instance).contains(9001));
		assertThat(Duration.ofNanos(System.nanoTime() - claimed)).as("defended at once")
			.isLessThan(Duration.ofMillis(200));
		assertThat(responder.nameOf(new InstanceName("one")).value()).isEqualTo("one");

		for (int i = 0; i < NameDefence.DEFENCES; i++) {
			Thread.sleep(100);
			this.listening.multicast(response(intruder));
		}
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(responder.nameOf(new InstanceName("one")).value()).isEqualTo("one (2)"));
		await().atMost(Duration.ofSeconds(1))
			.until(() -> srvPorts(Name.fromConstantString("one\\032\\0402\\041._relay._tcp.local.")).contains(9001));
	}

	private Set<Integer> srvPorts(Name instance) {
		Set<Integer> ports = new HashSet<>();
		for (Message response : this.responses) {
			for (Record record : response.getSection(Section.ANSWER)) {
				if (record instanceof SRVRecord srv && srv.getName().equals(instance) && srv.getTTL() > 0) {
					ports.add(srv.getPort());
				}
			}
		}
		return ports;
	}

	private static Message response(Record record) {
		Message response = new Message(0);
		response.getHeader().setFlag(Flags.QR);
		response.getHeader().setFlag(Flags.AA);
		response.addRecord(record, Section.ANSWER);
		return response;
	}

	private MdnsResponder responder() {
		MdnsTransport transport = new MdnsTransport(List.of(this.loopback), false);
		MdnsTimers timers = new MdnsTimers(this.scheduler.taskScheduler());
		MdnsResponder responder = new MdnsResponder(transport, timers);
		transport.addListener(responder);
		this.closing.add(timers);
		this.closing.add(transport);
		return responder;
	}

	private int indexOfGoodbye() {
		for (int i = 0; i < this.responses.size(); i++) {
			if (this.responses.get(i).getSection(Section.ANSWER).stream().anyMatch((record) -> record.getTTL() == 0)) {
				return i;
			}
		}
		return -1;
	}

	private static boolean carriesLive(Message response, String instance) {
		for (int section : new int[] { Section.ANSWER, Section.ADDITIONAL }) {
			for (Record record : response.getSection(section)) {
				if (record.getTTL() > 0 && record.rdataToString().contains(instance + "._relay")
						|| record.getTTL() > 0 && record.getName().toString().startsWith(instance + ".")) {
					return true;
				}
			}
		}
		return false;
	}

	private static Message query(Name name) {
		Message query = new Message(0);
		query.addRecord(Record.newRecord(name, Type.PTR, DClass.IN), Section.QUESTION);
		return query;
	}

	private static ServiceRegistration registration(String name, int port) {
		return new ServiceRegistration(new ServiceName("relay"), new InstanceName(name),
				InetAddress.getLoopbackAddress(), port, 0, 1, Attributes.of(Map.of()));
	}

}
