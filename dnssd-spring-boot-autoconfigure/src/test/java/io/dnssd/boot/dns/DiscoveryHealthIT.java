package io.dnssd.boot.dns;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.dnssd.boot.DnsSdSchedulerAutoConfiguration;
import io.dnssd.boot.discovery.DiscoveryAutoConfiguration;
import io.dnssd.boot.discovery.ReactiveDiscoveryAutoConfiguration;
import io.dnssd.boot.model.LookupFailedException;
import io.dnssd.boot.testsupport.NamedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.client.discovery.event.InstanceRegisteredEvent;
import org.springframework.cloud.client.discovery.health.DiscoveryClientHealthIndicator;
import org.springframework.cloud.client.discovery.health.DiscoveryClientHealthIndicatorProperties;
import org.springframework.cloud.client.discovery.health.reactive.ReactiveDiscoveryClientHealthIndicator;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Spring Cloud's discovery health indicators over our clients against a real BIND. With
 * the probe (the starter's default): UP while it answers, DOWN while it is stopped, UP
 * again once it is back. With the services query: the cached list stays served while it
 * is stopped, with one WARN.
 */
@ExtendWith(OutputCaptureExtension.class)
class DiscoveryHealthIT {

	private static final String ZONE = "health.test";

	@TempDir
	Path directory;

	@Test
	void healthFollowsTheReachabilityOfTheDnsServer(CapturedOutput output) throws Exception {
		try (NamedServer named = NamedServer.start(this.directory, ZONE, """
				_services._dns-sd._udp PTR _calc._tcp
				""")) {
			new ApplicationContextRunner()
				.withConfiguration(
						AutoConfigurations.of(DnsSdSchedulerAutoConfiguration.class, DnsAutoConfiguration.class,
								DiscoveryAutoConfiguration.class, ReactiveDiscoveryAutoConfiguration.class))
				.withPropertyValues("dnssd.backend=dns", "dnssd.domain=" + ZONE, "dnssd.dns.servers=" + named.address(),
						"dnssd.dns.timeout=300ms", "dnssd.discovery.max-ttl=1s")
				.run((context) -> {
					assertThat(statuses(context, false)).containsOnly(Status.UP);
					assertThat(statuses(context, true)).containsOnly(Status.UP);
					assertThat(context.getBean(DiscoveryClient.class).getServices()).containsExactly("calc");

					named.stop();
					assertThat(statuses(context, false)).containsOnly(Status.DOWN);
					assertThatExceptionOfType(LookupFailedException.class)
						.isThrownBy(() -> context.getBean(DiscoveryClient.class).probe());
					Thread.sleep(1100);
					for (int i = 0; i < 3; i++) {
						assertThat(statuses(context, true)).containsOnly(Status.UP);
						assertThat(context.getBean(DiscoveryClient.class).getServices()).containsExactly("calc");
						assertThat(context.getBean(ReactiveDiscoveryClient.class).getServices().collectList().block())
							.containsExactly("calc");
						Thread.sleep(600);
					}
					assertThat(output.getOut().split("Listing the services failed", -1)).hasSize(2);

					named.restart();
					assertThat(statuses(context, false)).containsOnly(Status.UP);
					assertThat(statuses(context, true)).containsOnly(Status.UP);
				});
		}
	}

	/**
	 * The status of each indicator, blocking and reactive, by services query or by probe.
	 */
	private static List<Status> statuses(ApplicationContext context, boolean servicesQuery) {
		List<Status> statuses = new ArrayList<>();
		DiscoveryClientHealthIndicatorProperties properties = new DiscoveryClientHealthIndicatorProperties();
		properties.setUseServicesQuery(servicesQuery);
		ObjectProvider<DiscoveryClient> client = context.getBeanProvider(DiscoveryClient.class);
		DiscoveryClientHealthIndicator blocking = new DiscoveryClientHealthIndicator(client, properties);
		blocking.onApplicationEvent(new InstanceRegisteredEvent<>(context, null));
		statuses.add(blocking.health().getStatus());
		ReactiveDiscoveryClientHealthIndicator reactive = new ReactiveDiscoveryClientHealthIndicator(
				context.getBean(ReactiveDiscoveryClient.class), properties);
		reactive.onApplicationEvent(new InstanceRegisteredEvent<>(context, null));
		Health health = reactive.health().block();
		statuses.add(health.getStatus());
		return statuses;
	}

}
