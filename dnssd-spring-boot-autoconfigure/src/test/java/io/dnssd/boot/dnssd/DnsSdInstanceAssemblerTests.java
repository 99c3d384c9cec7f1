package io.dnssd.boot.dnssd;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dnssd.boot.dnssd.DnsSdInstanceAssembler.Assembly;
import io.dnssd.boot.dnssd.DnsSdRecordSource.Question;
import io.dnssd.boot.model.Instance;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

import static org.assertj.core.api.Assertions.assertThat;

class DnsSdInstanceAssemblerTests {

	private static final Name TYPE = Name.fromConstantString("_calc._tcp.example.test.");

	private static final Name ONE = Name.fromConstantString("one._calc._tcp.example.test.");

	private static final Name HOST = Name.fromConstantString("host.example.test.");

	private final List<String> skipped = new ArrayList<>();

	private final DnsSdInstanceAssembler assembler = new DnsSdInstanceAssembler(List.of(Type.A, Type.AAAA),
			this.skipped::add, 2);

	private final Records records = new Records();

	@Test
	void buildsAnInstanceFromPtrSrvTxtAndAddressWithTheSmallestTtl() throws Exception {
		this.records.add(new PTRRecord(TYPE, DClass.IN, 300, ONE));
		this.records.add(new SRVRecord(ONE, DClass.IN, 120, 0, 5, 8080, HOST));
		this.records.add(new TXTRecord(ONE, DClass.IN, 60, List.of("version=1.0", "=bad")));
		this.records.add(new ARecord(HOST, DClass.IN, 90, InetAddress.getByName("127.0.0.5")));
		Assembly assembly = this.assembler.assemble(TYPE, this.records);
		assertThat(assembly.instances()).singleElement().satisfies((instance) -> {
			assertThat(instance.id()).isEqualTo("one");
			assertThat(instance.host()).isEqualTo("127.0.0.5");
			assertThat(instance.port()).isEqualTo(8080);
			assertThat(instance.weight()).isEqualTo(5);
			assertThat(instance.attributes().get("version").orElseThrow().value()).isEqualTo("1.0");
		});
		assertThat(assembly.ttl()).isEqualTo(Duration.ofSeconds(60));
		assertThat(assembly.missing()).isEmpty();
		assertThat(this.skipped).singleElement().asString().contains("'=bad'");
	}

	@Test
	void namesWhatIsMissingInsteadOfSkipping() {
		this.records.add(new PTRRecord(TYPE, DClass.IN, 300, ONE));
		Assembly assembly = this.assembler.assemble(TYPE, this.records);
		assertThat(assembly.instances()).isEmpty();
		assertThat(assembly.missing()).containsExactly(new Question(ONE, Type.TXT), new Question(ONE, Type.SRV));
		this.records.add(new SRVRecord(ONE, DClass.IN, 120, 0, 5, 8080, HOST));
		this.records.asked(ONE, Type.TXT);
		assertThat(this.assembler.assemble(TYPE, this.records).missing()).containsExactly(new Question(HOST, Type.A),
				new Question(HOST, Type.AAAA));
		assertThat(this.skipped).isEmpty();
	}

	@Test
	void skipsAndReportsAnInstanceWhoseRecordsAreKnownToBeAbsent() {
		this.records.add(new PTRRecord(TYPE, DClass.IN, 300, ONE));
		this.records.asked(ONE, Type.SRV);
		this.records.asked(ONE, Type.TXT);
		assertThat(this.assembler.assemble(TYPE, this.records).instances()).isEmpty();
		assertThat(this.skipped).singleElement().asString().contains("has no SRV record");
	}

	@Test
	void theLowestPrioritySrvIsUsedAndTheRootTargetGivesNoInstance() throws Exception {
		Name two = Name.fromConstantString("two._calc._tcp.example.test.");
		this.records.add(new PTRRecord(TYPE, DClass.IN, 300, ONE));
		this.records.add(new PTRRecord(TYPE, DClass.IN, 300, two));
		this.records.add(new SRVRecord(ONE, DClass.IN, 120, 20, 1, 9090, HOST));
		this.records.add(new SRVRecord(ONE, DClass.IN, 120, 10, 1, 8080, HOST));
		this.records.add(new SRVRecord(two, DClass.IN, 120, 0, 1, 8080, Name.root));
		this.records.add(new ARecord(HOST, DClass.IN, 90, InetAddress.getByName("127.0.0.5")));
		this.records.asked(ONE, Type.TXT);
		this.records.asked(two, Type.TXT);
		assertThat(this.assembler.assemble(TYPE, this.records).instances()).extracting(Instance::port)
			.containsExactly(8080);
	}

	@Test
	void atMostTheConfiguredNumberOfPointersIsFollowed() {
		for (int i = 0; i < 5; i++) {
			this.records.add(new PTRRecord(TYPE, DClass.IN, 300,
					Name.fromConstantString("i" + i + "._calc._tcp.example.test.")));
		}
		assertThat(this.assembler.assemble(TYPE, this.records).missing()).extracting(Question::name)
			.extracting(Name::toString)
			.containsOnly("i0._calc._tcp.example.test.", "i1._calc._tcp.example.test.");
		assertThat(this.skipped).singleElement().asString().contains("lists 5 instances; following the first 2");
	}

	/**
	 * Records at hand, with what was asked for and found absent.
	 */
	private static final class Records implements DnsSdRecordSource {

		private final Map<Question, List<Record>> byQuestion = new HashMap<>();

		private final Set<Question> asked = new HashSet<>();

		void add(Record record) {
			this.byQuestion
				.computeIfAbsent(new Question(record.getName(), record.getType()), (key) -> new ArrayList<>())
				.add(record);
		}

		void asked(Name name, int type) {
			this.asked.add(new Question(name, type));
		}

		@Override
		public List<Record> get(Name name, int type) {
			return this.byQuestion.getOrDefault(new Question(name, type), List.of());
		}

		@Override
		public boolean knows(Name name, int type) {
			Question question = new Question(name, type);
			return this.byQuestion.containsKey(question) || this.asked.contains(question);
		}

	}

}
