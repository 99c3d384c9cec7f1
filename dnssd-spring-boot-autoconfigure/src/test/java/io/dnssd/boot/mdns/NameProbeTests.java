package io.dnssd.boot.mdns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import io.dnssd.boot.model.Attributes;
import io.dnssd.boot.model.InstanceName;
import io.dnssd.boot.model.ServiceName;
import io.dnssd.boot.model.ServiceRegistration;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

import static org.assertj.core.api.Assertions.assertThat;

class NameProbeTests {

	private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", MdnsTransport.PORT);

	private final PublishedRecords ours = records(8080);

	private final NameProbe probe = new NameProbe(this.ours);

	@Test
	void anAnswerWithOtherDataForOurNameIsAConflict() {
		this.probe.seen(new MdnsPacket(response(records(9090).service()), PEER, false));
		assertThat(this.probe.outcome()).isEqualTo(NameProbe.Outcome.CONFLICT);
	}

	@Test
	void ourOwnAnswersAndIdenticalDataAreNoConflict() {
		this.probe.seen(new MdnsPacket(response(records(9090).service()), PEER, true));
		this.probe.seen(new MdnsPacket(response(this.ours.service()), PEER, false));
		assertThat(this.probe.outcome()).isNull();
	}

	@Test
	void anAnswerForAnotherNameIsNoConflict() {
		PublishedRecords other = PublishedRecords.of(registration("other", 9090), 120);
		this.probe.seen(new MdnsPacket(response(other.service()), PEER, false));
		assertThat(this.probe.outcome()).isNull();
	}

	@Test
	void aSimultaneousProbeWithLaterDataWinsTheTie() {
		this.probe.seen(new MdnsPacket(probeFor(records(9090)), PEER, false));
		assertThat(this.probe.outcome()).isEqualTo(NameProbe.Outcome.LOST_TIE);
	}

	@Test
	void aSimultaneousProbeWithEarlierDataLosesTheTie() {
		this.probe.seen(new MdnsPacket(probeFor(records(80)), PEER, false));
		assertThat(this.probe.outcome()).isNull();
	}

	private static PublishedRecords records(int port) {
		return PublishedRecords.of(registration("calc", port), 120);
	}

	private static ServiceRegistration registration(String instance, int port) {
		try {
			return new ServiceRegistration(new ServiceName("calc"), new InstanceName(instance),
					InetAddress.getByName("127.0.0.1"), port, 0, 0, Attributes.empty());
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Message response(Record record) {
		Message message = new Message(0);
		message.getHeader().setFlag(Flags.QR);
		message.addRecord(record, Section.ANSWER);
		return message;
	}

	private static Message probeFor(PublishedRecords records) {
		Message query = new Message(0);
		records.unique().forEach((record) -> query.addRecord(record, Section.AUTHORITY));
		return query;
	}

}
