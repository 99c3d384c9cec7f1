package io.dnssd.boot.mdns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Watches the traffic while this application probes for its names (RFC 6762 §8.1): a
 * response from someone else with records at one of the names is a conflict; another
 * probe for the same names with records that sort later wins the tie (§8.2), and this
 * application tries again after a second.
 */
final class NameProbe {

	/**
	 * What a probe found out.
	 */
	enum Outcome {

		/** Someone else answers for the name: choose another. */
		CONFLICT,

		/**
		 * Someone else probes for the name with data that wins the tie: probe again
		 * later.
		 */
		LOST_TIE

	}

	private static final Comparator<Record> CANONICAL = Comparator
		.comparingInt((Record record) -> MdnsRecords.classOf(record.getDClass()))
		.thenComparingInt(Record::getType)
		.thenComparing(Record::rdataToWireCanonical, NameProbe::compareUnsigned);

	private final PublishedRecords records;

	private volatile @Nullable Outcome outcome;

	NameProbe(PublishedRecords records) {
		this.records = records;
	}

	@Nullable Outcome outcome() {
		return this.outcome;
	}

	void seen(MdnsPacket packet) {
		if (packet.own() || this.outcome != null) {
			return;
		}
		Message message = packet.message();
		if (packet.isResponse()) {
			if (answersForOurNames(message.getSection(Section.ANSWER))
					|| answersForOurNames(message.getSection(Section.ADDITIONAL))) {
				this.outcome = Outcome.CONFLICT;
			}
			return;
		}
		List<Record> theirs = claimed(message.getSection(Section.AUTHORITY));
		if (!theirs.isEmpty() && compare(ours(), theirs) < 0) {
			this.outcome = Outcome.LOST_TIE;
		}
	}

	private boolean answersForOurNames(List<Record> section) {
		for (Record record : section) {
			if (this.records.claims(record.getName()) && record.getTTL() > 0
					&& this.records.unique().stream().noneMatch((own) -> MdnsRecords.sameData(own, record))) {
				return true;
			}
		}
		return false;
	}

	private List<Record> claimed(List<Record> authority) {
		return authority.stream().filter((record) -> this.records.claims(record.getName())).sorted(CANONICAL).toList();
	}

	private List<Record> ours() {
		List<Record> ours = new ArrayList<>(this.records.unique());
		ours.sort(CANONICAL);
		return ours;
	}

	private static int compare(List<Record> ours, List<Record> theirs) {
		for (int i = 0; i < Math.min(ours.size(), theirs.size()); i++) {
			int difference = CANONICAL.compare(ours.get(i), theirs.get(i));
			if (difference != 0) {
				return difference;
			}
		}
		return Integer.compare(ours.size(), theirs.size());
	}

	private static int compareUnsigned(byte[] a, byte[] b) {
		for (int i = 0; i < Math.min(a.length, b.length); i++) {
			int difference = (a[i] & 0xFF) - (b[i] & 0xFF);
			if (difference != 0) {
				return difference;
			}
		}
		return Integer.compare(a.length, b.length);
	}

}
