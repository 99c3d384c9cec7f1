package io.dnssd.boot.mdns;

import java.net.NetworkInterface;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.scheduling.TaskScheduler;

/**
 * The parts of multicast DNS that share one transport and one timer thread: the
 * {@link MdnsResponder} for this application's records and the {@link MdnsBrowser} for
 * its peers'. Closing it stops both; goodbyes must be sent before.
 */
final class MdnsEngine implements AutoCloseable {

	private final MdnsTransport transport;

	private final MdnsTimers timers;

	private final MdnsResponder responder;

	private final MdnsBrowser browser;

	private final List<NetworkInterface> interfaces;

	MdnsEngine(List<NetworkInterface> interfaces, boolean ipv6, Duration maxQueryInterval, TaskScheduler scheduler) {
		this.interfaces = List.copyOf(interfaces);
		this.transport = new MdnsTransport(interfaces, ipv6);
		this.timers = new MdnsTimers(scheduler);
		this.responder = new MdnsResponder(this.transport, this.timers);
		this.browser = new MdnsBrowser(this.transport, new MdnsCache(Clock.systemUTC()), this.timers, maxQueryInterval,
				ipv6);
		this.transport.addListener(this.responder);
		this.transport.addListener(this.browser);
	}

	MdnsResponder responder() {
		return this.responder;
	}

	MdnsBrowser browser() {
		return this.browser;
	}

	List<NetworkInterface> interfaces() {
		return this.interfaces;
	}

	String description() {
		return this.transport.description();
	}

	/**
	 * Checks that the sockets are open and messages are received.
	 * @throws IllegalStateException if not
	 */
	void probe() {
		this.transport.probe();
	}

	/**
	 * Returns whether the sockets have been opened (and not closed yet).
	 * @return {@code true} if they are open
	 */
	boolean isOpen() {
		return this.transport.isOpen();
	}

	@Override
	public void close() {
		this.timers.close();
		this.transport.close();
	}

}
