package io.dnssd.boot.loadbalancer;

import java.util.ArrayList;
import java.util.List;

import io.dnssd.boot.DnsSdSchedulerAutoConfiguration;
import io.dnssd.boot.discovery.DiscoveryAutoConfiguration;
import io.dnssd.boot.dns.DnsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.loadbalancer.config.LoadBalancerAutoConfiguration;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;

import static org.assertj.core.api.Assertions.assertThat;

class DnsSdLoadBalancerAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withPropertyValues("dnssd.backend=dns", "dnssd.dns.servers=127.0.0.1:5300")
		.withConfiguration(AutoConfigurations.of(DnsSdSchedulerAutoConfiguration.class, DnsAutoConfiguration.class,
				DiscoveryAutoConfiguration.class, DnsSdLoadBalancerAutoConfiguration.class,
				LoadBalancerAutoConfiguration.class));

	@Test
	void outlierEjectionIsOnByDefaultAndReportedToByEveryLoadBalancedCall() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(OutlierDetectors.class)
				.hasSingleBean(OutlierEjectionLifecycle.class)
				.hasSingleBean(InFlightLifecycle.class);
			LoadBalancerClientFactory factory = context.getBean(LoadBalancerClientFactory.class);
			assertThat(factory.getInstances("calc", LoadBalancerLifecycle.class).values())
				.hasAtLeastOneElementOfType(OutlierEjectionLifecycle.class)
				.hasAtLeastOneElementOfType(InFlightLifecycle.class);
			assertThat(chain(factory.getInstance("calc", ServiceInstanceListSupplier.class)))
				.hasAtLeastOneElementOfType(OutlierEjectingSupplier.class);
		});
	}

	@Test
	void outlierEjectionCanBeSwitchedOff() {
		this.runner.withPropertyValues("dnssd.loadbalancer.outlier-ejection.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(OutlierDetectors.class).doesNotHaveBean(OutlierEjectionLifecycle.class);
			assertThat(chain(context.getBean(LoadBalancerClientFactory.class)
				.getInstance("calc", ServiceInstanceListSupplier.class)))
				.doesNotHaveAnyElementsOfTypes(OutlierEjectingSupplier.class);
		});
	}

	@Test
	void aBadOutlierEjectionSettingFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("dnssd.loadbalancer.outlier-ejection.max-ejection-percent=150")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("dnssd.loadbalancer.outlier-ejection.max-ejection-percent"));
		this.runner.withPropertyValues("dnssd.loadbalancer.outlier-ejection.consecutive-failures=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("dnssd.loadbalancer.outlier-ejection.consecutive-failures"));
		this.runner
			.withPropertyValues("dnssd.loadbalancer.outlier-ejection.base-ejection-time=60s",
					"dnssd.loadbalancer.outlier-ejection.max-ejection-time=30s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("dnssd.loadbalancer.outlier-ejection.max-ejection-time"));
	}

	@Test
	void aNegativeSlowStartWindowFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("dnssd.loadbalancer.slow-start.window=-1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("dnssd.loadbalancer.slow-start.window"));
	}

	@Test
	void theChoiceIsSetPerServiceOverTheGlobalOne() {
		this.runner
			.withPropertyValues("dnssd.loadbalancer.choice=round-robin",
					"dnssd.loadbalancer.clients.calc.choice=least-request")
			.run((context) -> {
				LoadBalancerProperties properties = context.getBean(LoadBalancerProperties.class);
				assertThat(properties.choiceOf("calc")).isEqualTo(Choice.LEAST_REQUEST);
				assertThat(properties.choiceOf("time")).isEqualTo(Choice.ROUND_ROBIN);
			});
	}

	@Test
	void anUnknownChoiceFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("dnssd.loadbalancer.choice=fastest")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("dnssd.loadbalancer.choice"));
	}

	private static List<ServiceInstanceListSupplier> chain(ServiceInstanceListSupplier outermost) {
		List<ServiceInstanceListSupplier> chain = new ArrayList<>();
		ServiceInstanceListSupplier current = outermost;
		while (current != null) {
			chain.add(current);
			current = (current instanceof DelegatingServiceInstanceListSupplier delegating) ? delegating.getDelegate()
					: null;
		}
		return chain;
	}

}
