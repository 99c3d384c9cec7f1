package io.dnssd.boot.dns;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dnssd.boot.dnssd.DnsSdRecordSource;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Records gathered from the answer and additional sections of the answers of one lookup,
 * by owner name and type, so a lookup queries only what no answer has brought yet. A
 * record two answers bring (the PTR answer over UDP and again over TCP) is kept once.
 */
final class RecordIndex implements DnsSdRecordSource {

	private final Map<DnsQuestion, Set<Record>> records = new HashMap<>();

	private final Map<DnsQuestion, Boolean> asked = new HashMap<>();

	void add(DnsAnswer answer) {
		this.asked.put(answer.question(), Boolean.TRUE);
		addSection(answer.message(), Section.ANSWER);
		addSection(answer.message(), Section.ADDITIONAL);
	}

	void addAll(List<DnsAnswer> answers) {
		answers.forEach(this::add);
	}

	@Override
	public List<Record> get(Name name, int type) {
		Set<Record> known = this.records.get(new DnsQuestion(name, type));
		return (known != null) ? List.copyOf(known) : List.of();
	}

	/**
	 * Returns whether records of a type are known for a name, or the name was already
	 * asked.
	 * @param name the owner name
	 * @param type the record type
	 * @return {@code true} when a query for them would bring nothing new
	 */
	@Override
	public boolean knows(Name name, int type) {
		DnsQuestion question = new DnsQuestion(name, type);
		return this.records.containsKey(question) || this.asked.containsKey(question);
	}

	private void addSection(Message message, int section) {
		for (Record record : message.getSection(section)) {
			this.records
				.computeIfAbsent(new DnsQuestion(record.getName(), record.getType()), (key) -> new LinkedHashSet<>())
				.add(record);
		}
	}

}
