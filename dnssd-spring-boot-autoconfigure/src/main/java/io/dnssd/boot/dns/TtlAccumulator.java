package io.dnssd.boot.dns;

import java.time.Duration;

import org.xbill.DNS.Record;

/**
 * Smallest TTL of the records an answer was built from.
 */
final class TtlAccumulator {

	private long seconds = Long.MAX_VALUE;

	void add(Record record) {
		addSeconds(record.getTTL());
	}

	void addSeconds(long ttl) {
		this.seconds = Math.min(this.seconds, ttl);
	}

	Duration toDuration() {
		return Duration.ofSeconds((this.seconds == Long.MAX_VALUE) ? 0 : this.seconds);
	}

}
