package io.dnssd.boot.testsupport;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * Guards multicast tests: they run only where this JVM sees no network interface but
 * loopback, as inside the namespace {@code src/test/netns/bin/java} makes, so nothing
 * they send can leave the machine. Elsewhere they are skipped, or fail when
 * {@code CI=true}.
 */
public final class LoopbackOnlyNetwork {

	private LoopbackOnlyNetwork() {
	}

	/**
	 * Skips (or, on CI, fails) the calling test unless loopback is the only interface.
	 */
	public static void require() {
		List<String> others = otherInterfaces();
		if (others.isEmpty()) {
			return;
		}
		String reason = "Multicast tests run only in a network namespace with nothing but loopback "
				+ "(dnssd.test.netns=" + System.getProperty("dnssd.test.netns", "not set") + "), but this JVM sees "
				+ others + "; run them as root through Maven, which starts them with src/test/netns/bin/java";
		if ("true".equals(System.getenv("CI"))) {
			fail(reason);
		}
		Assumptions.abort(reason);
	}

	private static List<String> otherInterfaces() {
		try {
			return Collections.list(NetworkInterface.getNetworkInterfaces())
				.stream()
				.filter((networkInterface) -> !isLoopback(networkInterface))
				.map(NetworkInterface::getName)
				.toList();
		}
		catch (SocketException ex) {
			throw new IllegalStateException("Cannot list the network interfaces", ex);
		}
	}

	private static boolean isLoopback(NetworkInterface networkInterface) {
		try {
			return networkInterface.isLoopback();
		}
		catch (SocketException ex) {
			return false;
		}
	}

}
