package io.dnssd.boot.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.dnssd.boot.model.Attribute;
import io.dnssd.boot.model.Instance;
import io.dnssd.boot.model.Resolution;
import io.dnssd.boot.testsupport.ScriptedDnsServer;
import io.dnssd.boot.testsupport.ScriptedDnsServer.Script;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A DNS-SD lookup against a server that adds the instances' SRV, TXT and address records
 * to the PTR answer (RFC 6763 §12), as far as they fit: one query when they all fit a
 * datagram, the PTR asked once more over TCP when some were left out, and the queries of
 * a server that adds nothing (as BIND does) otherwise.
 */
class AdditionalRecordsIT {

	private static final String ZONE = "extra.test";

	private static final Name SERVICE = Name.fromConstantString("_calc._tcp." + ZONE + ".");

	@Test
	void allInstancesInOneDatagramTakeOneQuery() throws Exception {
		Section12Zone zone = new Section12Zone(3, true);
		assertThat(resolve(zone)).hasSize(3);
		assertThat(zone.udp).hasValue(1);
		assertThat(zone.tcp).hasValue(0);
	}

	@Test
	void additionalsLeftOutOfTheDatagramAreFetchedByOnePtrQueryOverTcp() throws Exception {
		Section12Zone zone = new Section12Zone(20, true);
		assertThat(resolve(zone)).hasSize(20);
		assertThat(zone.udp).as("the PTR over UDP").hasValue(1);
		assertThat(zone.tcp).as("the PTR again over TCP, no query per instance").hasValue(1);
	}

	@Test
	void aServerThatAddsNothingIsAskedForEachInstanceAndNotOverTcp() throws Exception {
		Section12Zone zone = new Section12Zone(3, false);
		assertThat(resolve(zone)).hasSize(3);
		assertThat(zone.udp).as("PTR, then SRV and TXT of each (SRV answers bring the address)").hasValue(7);
		assertThat(zone.tcp).hasValue(0);
	}

	private List<Instance> resolve(Section12Zone zone) throws Exception {
		try (ScriptedDnsServer server = ScriptedDnsServer.start(zone)) {
			String[] hostPort = server.address().split(":");
			InetSocketAddress address = new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
			SimpleResolver tcp = new SimpleResolver(address);
			tcp.setTCP(true);
			DnsQueryClient client = new DnsQueryClient(new ExtendedResolver(List.of(new SimpleResolver(address))), tcp,
					List.of(), 1, 32);
			DnsProperties dns = new DnsProperties();
			dns.setServers(List.of(server.address()));
			Resolution resolution = new DnsInstanceSourceFactory(client, dns, new DnsDiscoveryProperties(), Set.of(),
					1000)
				.create(ZONE, LookupMode.DNS_SD)
				.resolve("calc");
			List<Instance> instances = new ArrayList<>(resolution.instances());
			instances.sort(Comparator.comparingInt(Instance::port));
			for (int i = 0; i < instances.size(); i++) {
				Instance instance = instances.get(i);
				assertThat(instance.port()).isEqualTo(8080 + i);
				assertThat(instance.host()).isEqualTo(Section12Zone.address(i).getHostAddress());
				assertThat(instance.attributes().get("version")).map(Attribute::value).contains("1.0." + i);
			}
			return instances;
		}
	}

	/**
	 * A zone of instances {@code calc-N} on port 8080 + N at {@code host-N}
	 * (127.0.1.N+1). With additionals, a PTR answer carries each instance's SRV, TXT and
	 * A record for as many instances as fit the datagram the query allows (its EDNS size,
	 * else 512 bytes) and leaves the rest out without setting TC, as RFC 2181 §9 allows;
	 * SRV answers always carry the target's address.
	 */
	private static final class Section12Zone implements Script {

		final AtomicInteger udp = new AtomicInteger();

		final AtomicInteger tcp = new AtomicInteger();

		private final int instances;

		private final boolean additionals;

		Section12Zone(int instances, boolean additionals) {
			this.instances = instances;
			this.additionals = additionals;
		}

		@Override
		public List<byte[]> udp(Message query) {
			this.udp.incrementAndGet();
			OPTRecord opt = query.getOPT();
			return List.of(answer(query, (opt != null) ? Math.max(512, opt.getPayloadSize()) : 512));
		}

		@Override
		public byte[] tcp(Message query) {
			this.tcp.incrementAndGet();
			return ScriptedDnsServer.framed(answer(query, 65_535));
		}

		private byte[] answer(Message query, int limit) {
			Message reply = new Message(query.getHeader().getID());
			reply.getHeader().setFlag(Flags.QR);
			reply.getHeader().setFlag(Flags.AA);
			reply.addRecord(query.getQuestion(), Section.QUESTION);
			Name name = query.getQuestion().getName();
			int type = query.getQuestion().getType();
			int index = index(name);
			if (name.equals(SERVICE) && type == Type.PTR) {
				for (int i = 0; i < this.instances; i++) {
					reply.addRecord(new PTRRecord(SERVICE, DClass.IN, 30, instance(i)), Section.ANSWER);
				}
				if (reply.toWire().length > limit) {
					Message truncated = new Message(query.getHeader().getID());
					truncated.getHeader().setFlag(Flags.QR);
					truncated.getHeader().setFlag(Flags.TC);
					truncated.addRecord(query.getQuestion(), Section.QUESTION);
					return truncated.toWire();
				}
				for (int i = 0; this.additionals && i < this.instances; i++) {
					byte[] before = reply.toWire();
					for (Record extra : List.of(srv(i), txt(i), a(i))) {
						reply.addRecord(extra, Section.ADDITIONAL);
					}
					if (reply.toWire().length > limit) {
						return before;
					}
				}
			}
			else if (index >= 0 && type == Type.SRV) {
				reply.addRecord(srv(index), Section.ANSWER);
				reply.addRecord(a(index), Section.ADDITIONAL);
			}
			else if (index >= 0 && type == Type.TXT) {
				reply.addRecord(txt(index), Section.ANSWER);
			}
			return reply.toWire();
		}

		private int index(Name name) {
			for (int i = 0; i < this.instances; i++) {
				if (instance(i).equals(name) || host(i).equals(name)) {
					return i;
				}
			}
			return -1;
		}

		private static Record srv(int i) {
			return new SRVRecord(instance(i), DClass.IN, 30, 0, 1, 8080 + i, host(i));
		}

		private static Record txt(int i) {
			return new TXTRecord(instance(i), DClass.IN, 30, List.of("version=1.0." + i, "stage=test"));
		}

		private static Record a(int i) {
			return new ARecord(host(i), DClass.IN, 30, address(i));
		}

		private static Name instance(int i) {
			return Name.fromConstantString("calc-" + i + "._calc._tcp." + ZONE + ".");
		}

		private static Name host(int i) {
			return Name.fromConstantString("host-" + i + "." + ZONE + ".");
		}

		static InetAddress address(int i) {
			try {
				return InetAddress.getByAddress(new byte[] { 127, 0, 1, (byte) (i + 1) });
			}
			catch (UnknownHostException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
