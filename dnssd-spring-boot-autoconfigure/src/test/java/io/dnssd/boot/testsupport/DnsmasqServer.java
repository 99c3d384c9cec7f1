package io.dnssd.boot.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * A real dnsmasq for tests, on a free loopback port, answering from its own records only
 * ({@code --no-resolv}), as a DNS server that is not a full authoritative one behaves: it
 * answers REFUSED for a record type of a name it knows no record of that type for.
 */
public final class DnsmasqServer implements AutoCloseable {

	private static final Path EXECUTABLE = Path.of("/usr/sbin/dnsmasq");

	private static final String INSTALL_HINT = "dnsmasq is not installed; install it with "
			+ "'apt-get install -y dnsmasq-base' to run the tests against it";

	private final Process process;

	private final int port;

	private DnsmasqServer(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Starts dnsmasq with the given A records.
	 * @param directory a fresh directory for its log
	 * @param hostRecords {@code name,address} pairs, as {@code --host-record} takes them
	 * @return the running server
	 * @throws IOException if it cannot start
	 */
	public static DnsmasqServer start(Path directory, String... hostRecords) throws IOException {
		if (!Files.isExecutable(EXECUTABLE)) {
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException(INSTALL_HINT);
			}
			Assumptions.abort(INSTALL_HINT);
		}
		int port = NamedServer.freePort();
		List<String> command = new ArrayList<>(List.of(EXECUTABLE.toString(), "--keep-in-foreground", "--no-resolv",
				"--no-hosts", "--bind-interfaces", "--listen-address=127.0.0.1", "--port=" + port,
				"--pid-file=" + directory.resolve("dnsmasq.pid"), "--log-facility=-"));
		for (String hostRecord : hostRecords) {
			command.add("--host-record=" + hostRecord);
		}
		Path log = directory.resolve("dnsmasq.log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IOException("dnsmasq exited with " + process.exitValue() + ":\n" + Files.readString(log));
			}
			if (Files.readString(log).contains("started")) {
				return new DnsmasqServer(process, port);
			}
			sleep();
		}
		process.destroyForcibly();
		throw new IOException("dnsmasq did not start within 10 s:\n" + Files.readString(log));
	}

	/**
	 * Returns the address to point a resolver at.
	 * @return {@code 127.0.0.1:<port>}
	 */
	public String address() {
		return "127.0.0.1:" + this.port;
	}

	/**
	 * Stops the server by its PID.
	 */
	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
