package io.dnssd.boot.actuate;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.RetryableRequestContext;

import static org.assertj.core.api.Assertions.assertThat;

class LoadBalancerMetricsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final LoadBalancerMetrics metrics = new LoadBalancerMetrics(this.registry);

	private final ServiceInstance instance = new DefaultServiceInstance("calc-1", "calc", "127.0.0.1", 8001, false);

	@Test
	void countsEjectionsAndGaugesTheInstancesEjectedNowPerService() {
		this.metrics.ejected("calc", "127.0.0.1:8000", Duration.ofSeconds(30));
		this.metrics.ejected("calc", "127.0.0.1:8001", Duration.ofSeconds(30));
		this.metrics.returned("calc", "127.0.0.1:8000");
		assertThat(this.registry.get(LoadBalancerMetrics.EJECTIONS).tag("service", "calc").counter().count())
			.isEqualTo(2);
		assertThat(this.registry.get(LoadBalancerMetrics.EJECTED).tag("service", "calc").gauge().value()).isEqualTo(1);
	}

	@Test
	void countsACallToAnotherInstanceAfterAFailedOneAsARetry() {
		RetryableRequestContext first = new RetryableRequestContext(null);
		this.metrics.onStartRequest(new DefaultRequest<>(first), new DefaultResponse(this.instance));
		RetryableRequestContext retried = new RetryableRequestContext(null);
		retried.setPreviousServiceInstance(new DefaultServiceInstance("calc-0", "calc", "127.0.0.1", 8000, false));
		this.metrics.onStartRequest(new DefaultRequest<>(retried), new DefaultResponse(this.instance));
		assertThat(this.registry.get(LoadBalancerMetrics.RETRIES).tag("service", "calc").counter().count())
			.isEqualTo(1);
	}

}
