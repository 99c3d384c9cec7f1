package io.dnssd.boot.discovery;

import io.dnssd.boot.DnsSdSchedulerAutoConfiguration;
import io.dnssd.boot.actuate.DiscoveryMetrics;
import io.dnssd.boot.actuate.DnsSdMetricsAutoConfiguration;
import io.dnssd.boot.dns.DnsAutoConfiguration;
import io.dnssd.boot.loadbalancer.DnsSdLoadBalancerAutoConfiguration;
import io.dnssd.boot.loadbalancer.PriorityWeightedLoadBalancer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Resolver;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

class DiscoveryAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withPropertyValues("dnssd.backend=dns")
		.withConfiguration(AutoConfigurations.of(DnsSdSchedulerAutoConfiguration.class, DnsAutoConfiguration.class,
				DiscoveryAutoConfiguration.class, ReactiveDiscoveryAutoConfiguration.class,
				DnsSdLoadBalancerAutoConfiguration.class, LoadBalancerAutoConfiguration.class,
				DnsSdMetricsAutoConfiguration.class))
		.withPropertyValues("dnssd.dns.servers=127.0.0.1:5300");

	@Test
	void createsTheDiscoveryClientsAndTheCacheByDefault() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(DnsSdDiscoveryClient.class)
			.hasSingleBean(DnsSdReactiveDiscoveryClient.class)
			.hasSingleBean(InstanceCache.class)
			.hasSingleBean(HeartbeatPublisher.class)
			.doesNotHaveBean(DiscoveryMetrics.class));
	}

	@Test
	void loadBalancedClientsChooseByPriorityAndWeight() {
		this.runner.run((context) -> assertThat(context.getBean(LoadBalancerClientFactory.class).getInstance("calc"))
			.isInstanceOf(PriorityWeightedLoadBalancer.class));
	}

	@Test
	void loadBalancerIntegrationCanBeSwitchedOff() {
		this.runner.withPropertyValues("dnssd.loadbalancer.enabled=false")
			.run((context) -> assertThat(context.getBean(LoadBalancerClientFactory.class).getInstance("calc"))
				.isInstanceOf(RoundRobinLoadBalancer.class));
	}

	@Test
	void recordsMetricsWhenAMeterRegistryIsPresent() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> assertThat(context).hasSingleBean(DiscoveryMetrics.class));
	}

	@Test
	void noReactiveClientWithoutWebFlux() {
		this.runner.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> assertThat(context).hasSingleBean(DnsSdDiscoveryClient.class)
				.doesNotHaveBean(ReactiveDiscoveryClient.class));
	}

	@Test
	void withoutTheBlockingClientTheReactiveClientAndTheLoadBalancerStay() {
		this.runner.withPropertyValues("spring.cloud.discovery.blocking.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(DiscoveryClient.class)
				.hasSingleBean(DnsSdReactiveDiscoveryClient.class)
				.hasSingleBean(InstanceCache.class);
			assertThat(context.getBean(LoadBalancerClientFactory.class).getInstance("calc"))
				.isInstanceOf(PriorityWeightedLoadBalancer.class);
		});
	}

	@Test
	void theOrderOfBothClientsComesFromTheProperty() {
		this.runner.withPropertyValues("dnssd.discovery.order=7").run((context) -> {
			assertThat(context.getBean(DnsSdDiscoveryClient.class).getOrder()).isEqualTo(7);
			assertThat(context.getBean(DnsSdReactiveDiscoveryClient.class).getOrder()).isEqualTo(7);
		});
	}

	@Test
	void theOrderIsSpringCloudsDefaultUnlessSet() {
		this.runner.run((context) -> assertThat(context.getBean(DnsSdDiscoveryClient.class).getOrder())
			.isEqualTo(DiscoveryClient.DEFAULT_ORDER));
	}

	@Test
	void backsOffWhenDnssdIsDisabled() {
		this.runner.withPropertyValues("dnssd.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DiscoveryClient.class)
				.doesNotHaveBean(InstanceCache.class));
	}

	@Test
	void backsOffWhenDnssdDiscoveryIsDisabled() {
		this.runner.withPropertyValues("dnssd.discovery.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DiscoveryClient.class)
				.doesNotHaveBean(ReactiveDiscoveryClient.class));
	}

	@Test
	void backsOffWhenSpringCloudDiscoveryIsDisabled() {
		this.runner.withPropertyValues("spring.cloud.discovery.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DiscoveryClient.class));
	}

	@Test
	void backsOffWithoutDnsjavaAndAnotherSource() {
		this.runner.withClassLoader(new FilteredClassLoader(Resolver.class))
			.run((context) -> assertThat(context).doesNotHaveBean(DiscoveryClient.class)
				.doesNotHaveBean(InstanceCache.class));
	}

	@Test
	void backsOffWhenUserDefinesTheDiscoveryClient() {
		InstanceCacheTests.ScriptedSource source = new InstanceCacheTests.ScriptedSource();
		DnsSdDiscoveryClient own = new DnsSdDiscoveryClient(null, null, source, 0);
		this.runner.withBean(DnsSdDiscoveryClient.class, () -> own)
			.run((context) -> assertThat(context).getBean(DnsSdDiscoveryClient.class).isSameAs(own));
	}

	@Test
	void invalidCacheSettingsFailStartupNamingTheProperty() {
		this.runner.withPropertyValues("dnssd.discovery.min-ttl=10s", "dnssd.discovery.max-ttl=5s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("dnssd.discovery.max-ttl"));
	}

}
