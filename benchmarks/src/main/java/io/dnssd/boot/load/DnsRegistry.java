package io.dnssd.boot.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.dnssd.boot.testsupport.NamedServer;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

/**
 * The starter on unicast DNS: a local BIND taking TSIG-signed RFC 2136 updates, the
 * samples' {@code dns} profile (TTL 5 s, drain 5 s).
 */
final class DnsRegistry implements Registry {

	private static final String ZONE = "load.test";

	private static final String SERVICE = "_calc._tcp." + ZONE + ".";

	private final NamedServer named;

	private final Path key;

	private DnsRegistry(NamedServer named, Path key) {
		this.named = named;
		this.key = key;
	}

	static DnsRegistry start(Path work) throws Exception {
		NamedServer named = NamedServer.start(work.resolve("named"), ZONE, "");
		return new DnsRegistry(named, named.writeKeyFile());
	}

	@Override
	public String description() {
		return "dnssd-spring-boot on BIND (RFC 2136, TTL 5 s)";
	}

	@Override
	public List<String> command(App app, List<String> arguments) {
		List<String> command = new ArrayList<>(List.of(LoadHarness.javaExecutable(), "-Xmx256m", "-jar", app.jar(),
				"--spring.profiles.active=dns", "--dnssd.domain=" + ZONE, "--dnssd.dns.servers=" + this.named.address(),
				"--dnssd.dns.update.server=" + this.named.address(), "--dnssd.dns.update.tsig.secret-file=" + this.key,
				"--dnssd.registration.address=127.0.0.1"));
		command.addAll(arguments);
		return command;
	}

	/**
	 * A process removes its records before it exits, so records on the port are the new
	 * process's.
	 */
	@Override
	public boolean registered(int port, long startedAt) throws Exception {
		for (Record record : this.named.records(SERVICE, Type.PTR)) {
			if (((PTRRecord) record).getTarget().toString().contains("-" + port + ".")) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void stop() throws Exception {
		this.named.stop();
	}

	@Override
	public void restart() throws Exception {
		this.named.restart();
	}

	@Override
	public void restartEmptied() throws Exception {
		this.named.restartEmptied();
	}

	@Override
	public void close() throws Exception {
		this.named.close();
	}

}
