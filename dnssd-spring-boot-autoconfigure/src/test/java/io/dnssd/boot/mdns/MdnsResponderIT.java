package io.dnssd.boot.mdns;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
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
