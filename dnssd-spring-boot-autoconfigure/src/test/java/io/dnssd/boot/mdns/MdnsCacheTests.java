package io.dnssd.boot.mdns;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

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
import org.xbill.DNS.Type;

import static org.assertj.core.api.Assertions.assertThat;

class MdnsCacheTests {

	private static final Name TYPE = Name.fromConstantString("_calc._tcp.local.");

	private static final Name INSTANCE = Name.fromConstantString("calc._calc._tcp.local.");

	private static final Name HOST = Name.fromConstantString("calc.local.");

	private final MutableClock clock = new MutableClock();

	private final MdnsCache cache = new MdnsCache(this.clock);

	@Test
	void recordsLiveForTheirTtlAndThenExpire() {
		assertThat(this.cache.add(response(new PTRRecord(TYPE, DClass.IN, 10, INSTANCE)))).isTrue();
		this.clock.advance(Duration.ofSeconds(9));
		assertThat(this.cache.get(TYPE, Type.PTR)).singleElement()
			.satisfies((r) -> assertThat(r.getTTL()).isEqualTo(1));
		assertThat(this.cache.expire()).isFalse();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.cache.expire()).isTrue();
		assertThat(this.cache.get(TYPE, Type.PTR)).isEmpty();
	}

	@Test
	void aGoodbyeRemovesTheRecordAtOnce() {
		this.cache.add(response(new PTRRecord(TYPE, DClass.IN, 120, INSTANCE)));
		assertThat(this.cache.add(response(new PTRRecord(TYPE, DClass.IN, 0, INSTANCE)))).isTrue();
		assertThat(this.cache.get(TYPE, Type.PTR)).isEmpty();
	}

	@Test
	void aGoodbyeForTheSharedServiceEnumerationLeavesItASecondToBeRescued() {
		Name enumeration = Name.fromConstantString("_services._dns-sd._udp.local.");
		this.cache.add(response(new PTRRecord(enumeration, DClass.IN, 120, TYPE)));
		assertThat(this.cache.add(response(new PTRRecord(enumeration, DClass.IN, 0, TYPE)))).isFalse();
		assertThat(this.cache.get(enumeration, Type.PTR)).hasSize(1);
		this.cache.add(response(new PTRRecord(enumeration, DClass.IN, 120, TYPE)));
		this.clock.advance(Duration.ofSeconds(2));
		this.cache.expire();
		assertThat(this.cache.get(enumeration, Type.PTR)).as("rescued").hasSize(1);
		this.cache.add(response(new PTRRecord(enumeration, DClass.IN, 0, TYPE)));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.cache.expire()).isTrue();
		assertThat(this.cache.get(enumeration, Type.PTR)).isEmpty();
	}

	@Test
	void theSameRecordAgainIsNoChangeButRenewsItsTtl() {
		this.cache.add(response(new PTRRecord(TYPE, DClass.IN, 10, INSTANCE)));
		this.clock.advance(Duration.ofSeconds(8));
		assertThat(this.cache.add(response(new PTRRecord(TYPE, DClass.IN, 10, INSTANCE)))).isFalse();
		this.clock.advance(Duration.ofSeconds(8));
		assertThat(this.cache.get(TYPE, Type.PTR)).hasSize(1);
	}

	@Test
	void theCacheFlushBitReplacesOlderRecordsOfTheNameAndType() {
		this.cache.add(response(srv(MdnsRecords.UNIQUE_IN, 8080)));
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(this.cache.add(response(srv(MdnsRecords.UNIQUE_IN, 9090)))).isTrue();
		assertThat(this.cache.get(INSTANCE, Type.SRV)).singleElement()
			.satisfies((r) -> assertThat(((SRVRecord) r).getPort()).isEqualTo(9090));
	}

	@Test
	void withoutTheCacheFlushBitRecordsOfANameAccumulate() {
		this.cache.add(response(srv(DClass.IN, 8080)));
		this.clock.advance(Duration.ofSeconds(2));
		this.cache.add(response(srv(DClass.IN, 9090)));
		assertThat(this.cache.get(INSTANCE, Type.SRV)).hasSize(2);
	}

	@Test
	void recordsOfOneResponseDoNotFlushEachOther() throws Exception {
		Message response = response(new ARecord(HOST, MdnsRecords.UNIQUE_IN, 120, InetAddress.getByName("127.0.0.1")));
		response.addRecord(new ARecord(HOST, MdnsRecords.UNIQUE_IN, 120, InetAddress.getByName("127.0.0.2")),
				Section.ANSWER);
		this.cache.add(response);
		assertThat(this.cache.get(HOST, Type.A)).hasSize(2);
	}

	@Test
	void knownAnswersAreThoseWithMoreThanHalfTheirTtlLeft() {
		this.cache.add(response(new PTRRecord(TYPE, DClass.IN, 100, INSTANCE)));
		this.clock.advance(Duration.ofSeconds(40));
		assertThat(this.cache.knownAnswers(TYPE, Type.PTR)).hasSize(1);
		this.clock.advance(Duration.ofSeconds(20));
		assertThat(this.cache.knownAnswers(TYPE, Type.PTR)).isEmpty();
	}

	@Test
	void recordsAreAskedForAgainOnceAt80PercentOfTheirTtl() {
		this.cache.add(response(new PTRRecord(TYPE, DClass.IN, 100, INSTANCE)));
		this.clock.advance(Duration.ofSeconds(79));
		assertThat(this.cache.dueForRefresh()).isEmpty();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.cache.dueForRefresh()).containsExactly(new MdnsCache.Key(TYPE, Type.PTR));
		assertThat(this.cache.dueForRefresh()).isEmpty();
	}

	@Test
	void aFloodOfRecordsStopsAtTheLimit() throws Exception {
		for (int i = 0; i < MdnsCache.MAX_RECORDS + 500; i++) {
			this.cache
				.add(response(new PTRRecord(TYPE, DClass.IN, 120, Name.fromString("i" + i + "._calc._tcp.local."))));
		}
		assertThat(this.cache.get(TYPE, Type.PTR)).hasSize(MdnsCache.MAX_RECORDS);
	}

	@Test
	void recordsOfOtherClassesAndTypesAreNotKept() throws Exception {
		this.cache.add(response(new PTRRecord(TYPE, DClass.CH, 120, INSTANCE)));
		this.cache.add(response(Record.fromString(INSTANCE, Type.HINFO, DClass.IN, 120, "\"x\" \"y\"", Name.root)));
		assertThat(this.cache.get(TYPE, Type.PTR)).isEmpty();
		assertThat(this.cache.get(INSTANCE, Type.HINFO)).isEmpty();
	}

	private static SRVRecord srv(int dclass, int port) {
		return new SRVRecord(INSTANCE, dclass, 120, 0, 0, port, HOST);
	}

	private static Message response(Record record) {
		Message message = new Message(0);
		message.getHeader().setFlag(Flags.QR);
		message.addRecord(record, Section.ANSWER);
		return message;
	}

	private static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
