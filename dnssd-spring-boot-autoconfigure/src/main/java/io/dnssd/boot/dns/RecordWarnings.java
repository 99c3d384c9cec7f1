package io.dnssd.boot.dns;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;

/**
 * Logs a problem with a record at WARN the first time it is seen and at DEBUG afterwards,
 * so a malformed record does not repeat its WARN line on every refresh.
 */
final class RecordWarnings {

	private static final int MAX_REMEMBERED = 10_000;

	private static final Map<String, Boolean> seen = new ConcurrentHashMap<>();

	private RecordWarnings() {
	}

	static void warn(Log logger, String message) {
		if (seen.size() >= MAX_REMEMBERED) {
			seen.clear();
		}
		if (seen.putIfAbsent(message, Boolean.TRUE) == null) {
			logger.warn(message);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message);
		}
	}

}
