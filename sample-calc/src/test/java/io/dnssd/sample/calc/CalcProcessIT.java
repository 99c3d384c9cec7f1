package io.dnssd.sample.calc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dnssd.boot.testsupport.HttpProbe;
import io.dnssd.boot.testsupport.NamedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample-calc in its own JVM registers in a real BIND with its real port,
 * and on SIGTERM removes its records first and keeps serving through the drain before it
 * exits.
 */
class CalcProcessIT {

	private static final String ZONE = "e2e.test";

	private static final String SERVICE = "_calc._tcp." + ZONE + ".";

	@TempDir
	Path directory;

	private NamedServer named;

	private Process process;

	private final HttpProbe http = new HttpProbe();

	@AfterEach
	void stop() throws Exception {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		if (this.named != null) {
			this.named.close();
		}
	}

	@Test
	void registersItsRealPortAndOnSigtermDeregistersThenDrainsThenExits() throws Exception {
		this.named = NamedServer.start(this.directory.resolve("named"), ZONE, "");
		Path log = this.directory.resolve("calc.log");
		this.process = new ProcessBuilder(javaExecutable(), "-jar", System.getProperty("sample.jar"), "--server.port=0",
				"--spring.profiles.active=dns", "--dnssd.domain=" + ZONE, "--dnssd.dns.servers=" + this.named.address(),
				"--dnssd.dns.update.server=" + this.named.address(),
				"--dnssd.dns.update.tsig.secret-file=" + this.named.writeKeyFile(),
				"--dnssd.registration.address=127.0.0.1", "--dnssd.registration.drain=3s")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();

		await().atMost(Duration.ofSeconds(60))
			.failFast("sample-calc exited:\n" + log, () -> !this.process.isAlive())
			.until(() -> !this.named.records(SERVICE, Type.PTR).isEmpty());
		int port = registeredPort();
		assertThat(port).isPositive();
		assertThat(calc(port)).as("the registered port is the application's, not the management server's")
			.contains("\"result\":\"3\"");
		assertManagementIsOnLoopbackOnly(port, log);
		Record txt = this.named.records("calc-127-0-0-1-" + port + "._calc._tcp." + ZONE + ".", Type.TXT).get(0);
		assertThat(((TXTRecord) txt).getStrings()).contains("version=0.1.0-SNAPSHOT");

		this.process.destroy();
		List<String> timeline = new ArrayList<>();
		boolean servedAfterDeregistration = false;
		while (this.process.isAlive()) {
			boolean registered = !this.named.records(SERVICE, Type.PTR).isEmpty();
			boolean served = calc(port) != null;
			timeline.add((registered ? "registered" : "gone") + "/" + (served ? "served" : "refused"));
			servedAfterDeregistration |= !registered && served;
			Thread.sleep(100);
		}
		assertThat(this.process.waitFor()).as(Files.readString(log)).isIn(0, 143);
		assertThat(servedAfterDeregistration).as("timeline " + timeline).isTrue();
		assertThat(timeline).as("records were gone before the process exited").last().asString().startsWith("gone");
		assertThat(this.named.records(SERVICE, Type.PTR)).isEmpty();
		String output = Files.readString(log);
		assertThat(output).contains("Registered 'calc-127-0-0-1-" + port + "'");
		assertThat(output.indexOf("Deregistered")).isPositive()
			.isLessThan(output.indexOf("Commencing graceful shutdown"));
	}

	/**
	 * The sample's own configuration puts Actuator on a management port of its own that
	 * listens on 127.0.0.1 only, and serves only the health status on the server port.
	 */
	private void assertManagementIsOnLoopbackOnly(int port, Path log) throws IOException {
		assertThat(this.http.get("http://127.0.0.1:" + port + "/healthz")).isEqualTo("{\"status\":\"UP\"}");
		assertThat(this.http.get("http://127.0.0.1:" + port + "/actuator/serviceregistry")).isNull();
		Matcher started = Pattern.compile("Tomcat started on port (\\d+)").matcher(Files.readString(log));
		List<Integer> ports = new ArrayList<>();
		while (started.find()) {
			ports.add(Integer.parseInt(started.group(1)));
		}
		assertThat(ports).hasSize(2).contains(port);
		int management = ports.get(0).equals(port) ? ports.get(1) : ports.get(0);
		assertThat(this.http.get("http://127.0.0.1:" + management + "/actuator/serviceregistry"))
			.contains("REGISTERED");
		assertThat(listeningAddresses(management)).as("127.0.0.1, as IPv4 or IPv4-mapped IPv6")
			.isNotEmpty()
			.allMatch((address) -> address.equals("0100007F") || address.equals("0000000000000000FFFF00000100007F"));
	}

	/**
	 * The local IPv4 and IPv6 addresses with a socket listening on a port, as the kernel
	 * lists them in {@code /proc/net/tcp} and {@code /proc/net/tcp6} (hex, e.g.
	 * {@code 0100007F} for 127.0.0.1).
	 */
	private static List<String> listeningAddresses(int port) throws IOException {
		String suffix = String.format(":%04X", port);
		List<String> addresses = new ArrayList<>();
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			Path path = Path.of(table);
			if (!Files.exists(path)) {
				continue;
			}
			for (String line : Files.readAllLines(path)) {
				String[] fields = line.trim().split("\\s+");
				// st 0A is LISTEN
				if (fields.length > 3 && fields[1].endsWith(suffix) && "0A".equals(fields[3])) {
					addresses.add(fields[1].substring(0, fields[1].length() - suffix.length()));
				}
			}
		}
		return addresses;
	}

	private int registeredPort() throws IOException {
		Record pointer = this.named.records(SERVICE, Type.PTR).get(0);
		List<Record> srv = this.named.records(((PTRRecord) pointer).getTarget().toString(), Type.SRV);
		return ((SRVRecord) srv.get(0)).getPort();
	}

	private String calc(int port) {
		return this.http.get("http://127.0.0.1:" + port + "/calc?expression=1%2B2");
	}

	private static String javaExecutable() {
		return ProcessHandle.current().info().command().orElse("java");
	}

}
