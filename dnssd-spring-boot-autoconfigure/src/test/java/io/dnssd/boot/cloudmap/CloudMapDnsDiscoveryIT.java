package io.dnssd.boot.cloudmap;

import java.nio.file.Path;
import java.util.List;

import io.dnssd.boot.DnsSdSchedulerAutoConfiguration;
import io.dnssd.boot.discovery.DiscoveryAutoConfiguration;
import io.dnssd.boot.testsupport.NamedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discovery on the cloud-map backend through the DNS records a Cloud Map DNS namespace
 * keeps: SRV at {@code <service>.<namespace>} pointing at
 * {@code <instance-id>.<service>.<namespace>}.
 */
class CloudMapDnsDiscoveryIT {

	private static final String NAMESPACE = "apps.test";

	@TempDir
	Path directory;

	@Test
	void readsTheSrvRecordsCloudMapKeeps() throws Exception {
		try (NamedServer named = NamedServer.start(this.directory, NAMESPACE, """
				calc 10 SRV 1 1 8080 calc-a.calc
				calc 10 SRV 1 1 8081 calc-b.calc
				calc-a.calc 10 A 127.0.0.41
				calc-b.calc 10 A 127.0.0.42
				""")) {
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(DnsSdSchedulerAutoConfiguration.class,
						CloudMapAutoConfiguration.class, CloudMapDiscoveryAutoConfiguration.class,
						CloudMapDnsDiscoveryAutoConfiguration.class, DiscoveryAutoConfiguration.class))
				.withBean(ServiceDiscoveryClientCustomizer.class,
						() -> (builder) -> builder.credentialsProvider(AnonymousCredentialsProvider.create()))
				.withPropertyValues("dnssd.backend=cloud-map", "dnssd.cloud-map.discovery=dns",
						"dnssd.cloud-map.namespace=" + NAMESPACE, "dnssd.cloud-map.region=us-east-1",
						"dnssd.dns.servers=" + named.address())
				.run((context) -> {
					assertThat(context).doesNotHaveBean(CloudMapInstanceSource.class);
					List<ServiceInstance> instances = context.getBean(DiscoveryClient.class).getInstances("calc");
					assertThat(instances).extracting(ServiceInstance::getInstanceId)
						.containsExactlyInAnyOrder("calc-a.calc.apps.test:8080", "calc-b.calc.apps.test:8081");
					assertThat(instances).extracting(ServiceInstance::getHost)
						.containsExactlyInAnyOrder("127.0.0.41", "127.0.0.42");
				});
		}
	}

}
