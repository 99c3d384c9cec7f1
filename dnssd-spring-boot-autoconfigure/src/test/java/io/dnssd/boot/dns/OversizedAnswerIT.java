package io.dnssd.boot.dns;

import java.nio.file.Path;
import java.time.Duration;

import io.dnssd.boot.DnsSdSchedulerAutoConfiguration;
import io.dnssd.boot.discovery.DiscoveryAutoConfiguration;
import io.dnssd.boot.testsupport.NamedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance whose TXT set outgrows one DNS message, even over TCP, in a real BIND: the
 * truncated answer (TC=1, no records) is not taken as "no records"; the last good answer
 * is served with a WARN that says why.
 */
@ExtendWith(OutputCaptureExtension.class)
class OversizedAnswerIT {

	private static final String ZONE = "huge.test";

	/**
	 * TXT strings of 250 bytes: the set fits BIND's 64 KB, one message holding it does
	 * not.
	 */
	private static final int STRINGS = 252;

	private static final int PER_UPDATE = 42;

	@TempDir
	Path directory;

	@Test
	void anAnswerTooLargeForOneMessageKeepsTheLastGoodAnswer(CapturedOutput output) throws Exception {
		try (NamedServer named = NamedServer.start(this.directory, ZONE, """
				_calc._tcp 1 PTR one._calc._tcp
				_calc._tcp 1 PTR two._calc._tcp
				one._calc._tcp 1 SRV 0 1 8080 host
				two._calc._tcp 1 SRV 0 1 8081 host
				host 1 A 127.0.0.61
				""")) {
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(DnsSdSchedulerAutoConfiguration.class,
						DnsAutoConfiguration.class, DiscoveryAutoConfiguration.class))
				.withPropertyValues("dnssd.backend=dns", "dnssd.domain=" + ZONE, "dnssd.dns.servers=" + named.address(),
						"dnssd.discovery.min-ttl=1s", "dnssd.discovery.max-ttl=1s", "dnssd.discovery.stale-if-error=5m")
				.run((context) -> {
					DiscoveryClient client = context.getBean(DiscoveryClient.class);
					assertThat(client.getInstances("calc")).hasSize(2);
					Name instance = Name.fromString("one._calc._tcp." + ZONE + ".");
					for (int from = 0; from < STRINGS; from += PER_UPDATE) {
						int start = from;
						named.update((update) -> {
							for (int i = start; i < start + PER_UPDATE; i++) {
								update.add(new TXTRecord(instance, DClass.IN, 1,
										String.format("k%03d=", i) + "x".repeat(243)));
							}
						});
					}
					assertThat(named.query(instance.toString(), Type.TXT).getHeader().getFlag(Flags.TC))
						.as("BIND truncates the TXT set even over TCP")
						.isTrue();
					await().atMost(Duration.ofSeconds(10))
						.until(() -> output.getOut().contains("does not fit one DNS message"));
					assertThat(client.getInstances("calc")).hasSize(2);
					assertThat(output.getOut())
						.contains("Lookup of service 'calc' failed, retrying; serving the 2 instances");
				});
		}
	}

}
