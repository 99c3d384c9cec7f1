package io.dnssd.boot.testsupport;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Assumptions;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * A real BIND 9 {@code named} for tests: one primary zone from a zone file the test
 * writes, served on a free port of 127.0.0.1 over UDP and TCP, updatable with TSIG-signed
 * RFC 2136 updates, stopped and restarted by PID.
 * <p>
 * When {@code named} is not installed, tests are skipped with an install hint; with
 * {@code CI=true} they fail instead.
 */
public final class NamedServer implements AutoCloseable {

	/** Name of the TSIG key that may update the zone. */
	public static final String KEY_NAME = "test-key";

	private static final String INSTALL_HINT = "BIND 9 'named' is not installed; install it with "
			+ "'apt-get install -y bind9' (Debian/Ubuntu) to run the DNS integration tests";

	private static final Path[] NAMED_LOCATIONS = { Path.of("/usr/sbin/named"), Path.of("/usr/bin/named"),
			Path.of("/usr/local/sbin/named") };

	private final Path directory;

	private final String zone;

	private final String records;

	private final int port;

	private final String secret;

	private Process process;

	private NamedServer(Path directory, String zone, String records, int port) {
		this.directory = directory;
		this.records = records;
		this.zone = zone;
		this.port = port;
		byte[] key = new byte[32];
		ThreadLocalRandom.current().nextBytes(key);
		this.secret = Base64.getEncoder().encodeToString(key);
	}

	/**
	 * Starts {@code named} serving one zone.
	 * @param directory a fresh directory for configuration, zone and log
	 * @param zone the zone name, e.g. {@code example.test}
	 * @param records the zone's records in master-file format, relative to the zone; SOA
	 * and NS are added
	 * @return the running server
	 * @throws IOException if files cannot be written or the server does not come up
	 */
	public static NamedServer start(Path directory, String zone, String records) throws IOException {
		Path named = namedExecutable();
		NamedServer server = new NamedServer(directory, zone, records, freePort());
		server.writeConfiguration();
		server.launch(named);
		return server;
	}

	/**
	 * Returns the address the server listens on, as {@code dnssd.dns.servers} takes it.
	 * @return {@code 127.0.0.1:<port>}
	 */
	public String address() {
		return "127.0.0.1:" + this.port;
	}

	/**
	 * Returns the port the server listens on.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Returns the zone served.
	 * @return the zone name
	 */
	public String zone() {
		return this.zone;
	}

	/**
	 * Returns the base64 secret of the TSIG key that may update the zone.
	 * @return the secret
	 */
	public String secret() {
		return this.secret;
	}

	/**
	 * Writes the TSIG key in BIND's {@code key} clause format, as {@code tsig-keygen}
	 * does.
	 * @return the file
	 * @throws IOException if the file cannot be written
	 */
	public Path writeKeyFile() throws IOException {
		Path file = this.directory.resolve("update.key");
		Files.writeString(file,
				"key \"%s\" {\n\talgorithm hmac-sha256;\n\tsecret \"%s\";\n};\n".formatted(KEY_NAME, this.secret),
				StandardCharsets.UTF_8);
		return file;
	}

	/**
	 * Returns the records of a type at a name, as the server answers now.
	 * @param name a fully qualified name
	 * @param type the record type
	 * @return the answer section
	 * @throws IOException if the query fails
	 */
	public List<Record> records(String name, int type) throws IOException {
		return query(name, type).getSection(Section.ANSWER);
	}

	/**
	 * Sends a TSIG-signed dynamic update for the zone and requires NOERROR.
	 * @param changes adds the changes to the update
	 * @throws IOException if the update cannot be sent or is refused
	 */
	public void update(Consumer<Update> changes) throws IOException {
		Update update = new Update(Name.fromString(this.zone + "."));
		changes.accept(update);
		Message response = resolver().send(update);
		if (response.getRcode() != Rcode.NOERROR) {
			throw new IOException("Update refused: " + Rcode.string(response.getRcode()) + "\n" + response);
		}
	}

	/**
	 * Queries the server directly.
	 * @param name a fully qualified name
	 * @param type the record type
	 * @return the answer
	 * @throws IOException if the query fails
	 */
	public Message query(String name, int type) throws IOException {
		SimpleResolver resolver = new SimpleResolver(
				new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
		return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
	}

	/**
	 * Returns the queries the server has logged since it first started, one line each,
	 * e.g. {@code query: host1.example.test IN A +E(0)K (127.0.0.1)}; a {@code T} among
	 * the flags marks a query over TCP.
	 * @return the query lines, from {@code query:} on
	 * @throws IOException if the log cannot be read
	 */
	public List<String> queryLog() throws IOException {
		return Files.readAllLines(this.directory.resolve("named.log"), StandardCharsets.UTF_8)
			.stream()
			.filter((line) -> line.contains(" query: "))
			.map((line) -> line.substring(line.indexOf("query: ")))
			.toList();
	}

	/**
	 * Stops the server by its PID and waits for it to exit.
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void stop() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

	/**
	 * Starts the server again on the same port with the zone as it was last written;
	 * dynamic updates survive in BIND's journal.
	 * @throws IOException if the server does not come up
	 */
	public void restart() throws IOException {
		launch(namedExecutable());
	}

	/**
	 * Stops the server and starts it again with the zone as first written, as an
	 * operator's reload from an old zone file does: every dynamic update is lost.
	 * @throws IOException if the server does not come up
	 * @throws InterruptedException if interrupted while it stops
	 */
	public void restartEmptied() throws IOException, InterruptedException {
		stop();
		Files.deleteIfExists(this.directory.resolve("zone.db.jnl"));
		writeZone();
		launch(namedExecutable());
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

	private SimpleResolver resolver() {
		SimpleResolver resolver = new SimpleResolver(
				new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
		resolver.setTSIGKey(new TSIG(TSIG.HMAC_SHA256, KEY_NAME, this.secret));
		resolver.setTCP(true);
		resolver.setTimeout(Duration.ofSeconds(5));
		return resolver;
	}

	private void writeConfiguration() throws IOException {
		Files.createDirectories(this.directory);
		String config = """
				options {
					directory "%1$s";
					pid-file "%1$s/named.pid";
					session-keyfile "%1$s/session.key";
					managed-keys-directory "%1$s";
					listen-on port %2$d { 127.0.0.1; };
					listen-on-v6 { none; };
					recursion no;
					allow-query { 127.0.0.1; };
					dnssec-validation no;
					max-records-per-type 0;
					notify no;
					check-names primary ignore;
					querylog yes;
				};
				controls { };
				key "%3$s" {
					algorithm hmac-sha256;
					secret "%4$s";
				};
				zone "%5$s" {
					type primary;
					file "%1$s/zone.db";
					allow-update { key "%3$s"; };
				};
				""".formatted(this.directory, this.port, KEY_NAME, this.secret, this.zone);
		Files.writeString(this.directory.resolve("named.conf"), config, StandardCharsets.UTF_8);
		writeZone();
	}

	private void writeZone() throws IOException {
		String zoneFile = """
				$ORIGIN %1$s.
				$TTL 30
				@ IN SOA ns.%1$s. hostmaster.%1$s. 1 3600 600 86400 5
				@ IN NS ns.%1$s.
				ns IN A 127.0.0.1
				%2$s
				""".formatted(this.zone, this.records);
		Files.writeString(this.directory.resolve("zone.db"), zoneFile, StandardCharsets.UTF_8);
	}

	private void launch(Path named) throws IOException {
		Path log = this.directory.resolve("named.log");
		this.process = new ProcessBuilder(named.toString(), "-g", "-n", "1", "-c",
				this.directory.resolve("named.conf").toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IOException("named exited with " + this.process.exitValue() + ":\n" + Files.readString(log));
			}
			try {
				if (query(this.zone + ".", Type.SOA).getRcode() == Rcode.NOERROR) {
					return;
				}
			}
			catch (IOException ex) {
				sleep();
			}
		}
		stopQuietly();
		throw new IOException("named did not answer within 20 s:\n" + Files.readString(log));
	}

	private void stopQuietly() {
		try {
			stop();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
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

	private static Path namedExecutable() {
		for (Path candidate : NAMED_LOCATIONS) {
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(INSTALL_HINT);
		}
		Assumptions.abort(INSTALL_HINT);
		throw new IllegalStateException(INSTALL_HINT);
	}

	static int freePort() throws IOException {
		for (int attempt = 0; attempt < 20; attempt++) {
			try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				int candidate = tcp.getLocalPort();
				try (DatagramSocket udp = new DatagramSocket(
						new InetSocketAddress(InetAddress.getLoopbackAddress(), candidate))) {
					return candidate;
				}
				catch (IOException ex) {
					// UDP port taken: try another
				}
			}
		}
		throw new IOException("No port free for both UDP and TCP on 127.0.0.1");
	}

}
