package io.dnssd.boot.dns;

import java.nio.file.Path;

import io.dnssd.boot.DnsSdSchedulerAutoConfiguration;
import io.dnssd.boot.discovery.DiscoveryAutoConfiguration;
import io.dnssd.boot.testsupport.DnsmasqServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The address lookup against a real dnsmasq, which answers REFUSED for AAAA of a name it
 * knows only IPv4 addresses of: the A records are served.
 */
class DnsmasqAddressLookupIT {

	@TempDir
	Path directory;

	@Test
	void anErrorAnswerForOneAddressFamilyCountsAsNoRecordsOfIt() throws Exception {
		try (DnsmasqServer dnsmasq = DnsmasqServer.start(this.directory, "api.lan.test,127.0.0.71")) {
			new ApplicationContextRunner()
				.withConfiguration(AutoConfigurations.of(DnsSdSchedulerAutoConfiguration.class,
						DnsAutoConfiguration.class, DiscoveryAutoConfiguration.class))
				.withPropertyValues("dnssd.backend=dns", "dnssd.domain=lan.test",
						"dnssd.dns.servers=" + dnsmasq.address(), "dnssd.discovery.services.api.lookup=address",
						"dnssd.discovery.services.api.port=8080")
				.run((context) -> assertThat(context.getBean(DiscoveryClient.class).getInstances("api"))
					.extracting(ServiceInstance::getHost, ServiceInstance::getPort)
					.containsExactly(tuple("127.0.0.71", 8080)));
		}
	}

}
