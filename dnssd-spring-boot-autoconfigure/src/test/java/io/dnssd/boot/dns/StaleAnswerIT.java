package io.dnssd.boot.dns;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.dnssd.boot.DnsSdSchedulerAutoConfiguration;
import io.dnssd.boot.actuate.DiscoveryMetrics;
import io.dnssd.boot.actuate.DnsSdMetricsAutoConfiguration;
import io.dnssd.boot.discovery.DiscoveryAutoConfiguration;
import io.dnssd.boot.testsupport.NamedServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The DNS server stops while a service is in use: the last good answer is served for
 * {@code stale-if-error}, then nothing, and discovery recovers when the server is back.
 */
class StaleAnswerIT {

	private static final String ZONE = "stale.test";

	@TempDir
	Path directory;

	@Test
	void servesStaleAnswersWhileDnsIsDownThenNothingThenRecovers() throws Exception {
		try (NamedServer named = NamedServer.start(this.directory, ZONE, """
				_calc._tcp 1 PTR one._calc._tcp
				one._calc._tcp 1 SRV 0 1 8080 host
				one._calc._tcp 1 TXT "version=1"
				host 1 A 127.0.0.31
				""")) {
			MeterRegistry registry = new SimpleMeterRegistry();
			runner(named).withBean(MeterRegistry.class, () -> registry).run((context) -> {
				DiscoveryClient client = context.getBean(DiscoveryClient.class);
				assertThat(client.getInstances("calc")).hasSize(1);
				assertThat(count(registry, "miss")).isEqualTo(1);

				named.stop();
				await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
					assertThat(client.getInstances("calc")).extracting(ServiceInstance::getHost)
						.containsExactly("127.0.0.31");
					assertThat(count(registry, "stale")).isPositive();
				});
				await().atMost(Duration.ofSeconds(20))
					.pollInterval(Duration.ofMillis(100))
					.until(() -> client.getInstances("calc").isEmpty());
				assertThat(count(registry, "error")).isPositive();

				named.restart();
				await().atMost(Duration.ofSeconds(30))
					.pollInterval(Duration.ofMillis(100))
					.until(() -> client.getInstances("calc").size() == 1);

				Name pointers = Name.fromString("_calc._tcp." + ZONE + ".");
				named.update((update) -> update.delete(pointers, Type.PTR));
				long errorsBefore = count(registry, "error");
				await().atMost(Duration.ofSeconds(10))
					.pollInterval(Duration.ofMillis(100))
					.until(() -> client.getInstances("calc").isEmpty());
				assertThat(count(registry, "error")).isEqualTo(errorsBefore);
				assertThat(registry.get(DiscoveryMetrics.INSTANCES_GAUGE).tag("service", "calc").gauge().value())
					.isZero();
			});
		}
	}

	private ApplicationContextRunner runner(NamedServer named) {
		return new ApplicationContextRunner().withPropertyValues("dnssd.backend=dns")
			.withConfiguration(AutoConfigurations.of(DnsSdSchedulerAutoConfiguration.class, DnsAutoConfiguration.class,
					DiscoveryAutoConfiguration.class, DnsSdMetricsAutoConfiguration.class))
			.withPropertyValues("dnssd.domain=" + ZONE, "dnssd.dns.servers=" + named.address(),
					"dnssd.dns.timeout=200ms", "dnssd.discovery.min-ttl=1s", "dnssd.discovery.max-ttl=1s",
					"dnssd.discovery.stale-if-error=3s");
	}

	private static long count(MeterRegistry registry, String outcome) {
		List<Timer> timers = registry.find(DiscoveryMetrics.LOOKUP_TIMER)
			.tag("outcome", outcome)
			.timers()
			.stream()
			.toList();
		return timers.stream().mapToLong(Timer::count).sum();
	}

}
