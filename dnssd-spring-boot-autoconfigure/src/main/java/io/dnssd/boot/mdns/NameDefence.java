package io.dnssd.boot.mdns;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Decides, for one published instance, what to do when another host answers with
 * different data for a name this instance won (RFC 6762 §9): the first conflicts within a
 * window are answered at once with this instance's own records, so that peers' caches
 * flush the intruder's; one more within the window gives the name up, and the instance
 * probes again (and renames if the other host defends the name in turn).
 */
final class NameDefence {

	/** Conflicts answered within the window before the name is given up. */
	static final int DEFENCES = 3;

	/** How long a conflict counts. */
	static final Duration WINDOW = Duration.ofSeconds(10);

	private final Deque<Long> conflicts = new ArrayDeque<>();

	/**
	 * Records a conflict.
	 * @param nanoTime when it was seen, from {@link System#nanoTime()}
	 * @return {@code true} to defend the name, {@code false} to give it up
	 */
	synchronized boolean defend(long nanoTime) {
		while (!this.conflicts.isEmpty() && nanoTime - this.conflicts.peekFirst() > WINDOW.toNanos()) {
			this.conflicts.removeFirst();
		}
		this.conflicts.addLast(nanoTime);
		return this.conflicts.size() <= DEFENCES;
	}

}
