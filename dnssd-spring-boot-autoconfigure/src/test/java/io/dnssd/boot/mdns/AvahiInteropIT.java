package io.dnssd.boot.mdns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.dnssd.boot.testsupport.LoopbackOnlyNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Interoperability with Avahi, where it is installed ({@code avahi-daemon},
 * {@code avahi-utils}, {@code dbus}): a private D-Bus system bus and an avahi-daemon
 * restricted to loopback run in the test's network namespace; {@code avahi-browse} must
 * list our instance and we must discover what {@code avahi-publish} announces. Skipped
 * where Avahi is not installed; CI does not install it, because installing avahi-daemon
 * can start it on the machine's network.
 */
class AvahiInteropIT {

	private static final Duration PATIENCE = Duration.ofSeconds(15);

	@TempDir
	Path directory;

	private final List<Process> processes = new ArrayList<>();

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private String bus;

	@BeforeEach
	void startAvahi() throws Exception {
		LoopbackOnlyNetwork.require();
		for (String tool : new String[] { "/usr/sbin/avahi-daemon", "/usr/bin/avahi-browse", "/usr/bin/avahi-publish",
				"/usr/bin/dbus-daemon" }) {
			Assumptions.assumeTrue(Files.isExecutable(Path.of(tool)),
					tool + " is missing: apt-get install avahi-daemon avahi-utils dbus");
		}
		this.bus = "unix:path=" + this.directory.resolve("bus");
		Path busConfig = this.directory.resolve("bus.conf");
		Files.writeString(busConfig, """
				<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
				 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
				<busconfig>
				  <type>system</type>
				  <listen>%s</listen>
				  <auth>EXTERNAL</auth>
				  <policy context="default">
				    <allow user="*"/><allow own="*"/><allow send_destination="*"/><allow receive_sender="*"/>
				  </policy>
				</busconfig>
				""".formatted(this.bus));
		Path avahiConfig = this.directory.resolve("avahi.conf");
		Files.writeString(avahiConfig,
				"[server]\nallow-interfaces=lo\nuse-ipv6=no\n[publish]\npublish-hinfo=no\npublish-workstation=no\n");
		start("dbus-daemon", "--config-file=" + busConfig, "--nofork");
		await().atMost(PATIENCE).until(() -> Files.exists(this.directory.resolve("bus")));
		Process avahi = start("/usr/sbin/avahi-daemon", "-f", avahiConfig.toString(), "--no-chroot", "--no-drop-root",
				"--no-rlimits");
		await().atMost(PATIENCE)
			.until(() -> Files.readString(log(avahi), StandardCharsets.UTF_8).contains("Server startup complete"));
	}

	@AfterEach
	void stop() throws InterruptedException {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		for (int i = this.processes.size() - 1; i >= 0; i--) {
			Process process = this.processes.get(i);
			process.destroy();
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

	@Test
	void avahiBrowseListsOurInstanceWithItsAddressPortAndAttributes() throws Exception {
		this.contexts.add(new SpringApplicationBuilder(Peer.class).web(WebApplicationType.NONE)
			.properties("spring.application.name=calc", "dnssd.registration.port=8123",
					"dnssd.registration.instance-id=ours", "dnssd.registration.metadata.flavour=java")
			.run());
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(run("avahi-browse", "-rtp", "_calc._tcp"))
				.contains("=;lo;IPv4;ours;_calc._tcp;local;ours.local;127.0.0.1;8123;")
				.contains("\"flavour=java\""));
	}

	@Test
	void weDiscoverWhatAvahiPublishAnnounces() throws Exception {
		start("avahi-publish", "-s", "avahi calc", "_calc._tcp", "9999", "version=avahi");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Peer.class).web(WebApplicationType.NONE)
			.properties("spring.application.name=portal", "dnssd.registration.enabled=false")
			.run();
		this.contexts.add(context);
		DiscoveryClient discovery = context.getBean(DiscoveryClient.class);
		await().atMost(PATIENCE).untilAsserted(() -> {
			List<ServiceInstance> instances = discovery.getInstances("calc");
			assertThat(instances).singleElement().satisfies((instance) -> {
				assertThat(instance.getInstanceId()).isEqualTo("avahi calc");
				assertThat(instance.getPort()).isEqualTo(9999);
				assertThat(instance.getHost()).isEqualTo("127.0.0.1");
				assertThat(instance.getMetadata()).containsEntry("version", "avahi");
			});
		});
	}

	private Process start(String... command) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(
					this.directory.resolve(Path.of(command[0]).getFileName() + "-" + this.processes.size() + ".log")
						.toFile());
		builder.environment().put("DBUS_SYSTEM_BUS_ADDRESS", this.bus);
		Process process = builder.start();
		this.processes.add(process);
		return process;
	}

	private Path log(Process process) {
		int index = this.processes.indexOf(process);
		return this.directory.resolve("avahi-daemon-" + index + ".log");
	}

	private String run(String... command) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("DBUS_SYSTEM_BUS_ADDRESS", this.bus);
		Process process = builder.start();
		try {
			byte[] output = process.getInputStream().readAllBytes();
			process.waitFor(10, TimeUnit.SECONDS);
			return new String(output, StandardCharsets.UTF_8);
		}
		finally {
			process.destroy();
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Peer {

	}

}
