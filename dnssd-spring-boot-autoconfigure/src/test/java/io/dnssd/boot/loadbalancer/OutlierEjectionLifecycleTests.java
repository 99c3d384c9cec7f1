package io.dnssd.boot.loadbalancer;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.CompletionContext.Status;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.ResponseData;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.util.LinkedMultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outcomes of load-balanced calls as Spring Cloud LoadBalancer reports them.
 */
class OutlierEjectionLifecycleTests {

	private final ServiceInstance instance = new DefaultServiceInstance("calc-0", "calc", "127.0.0.1", 8000, false);

	private final OutlierDetectors detectors = new OutlierDetectors(
			new OutlierEjection(1, Duration.ofSeconds(30), Duration.ofSeconds(300), 10, Duration.ofSeconds(10)),
			() -> 0L, List.of());

	@Test
	void supportsEveryClientThatReportsServiceInstances() {
		assertThat(lifecycle(true).supports(Object.class, Object.class, ServiceInstance.class)).isTrue();
		assertThat(lifecycle(true).supports(Object.class, Object.class, String.class)).isFalse();
	}

	@Test
	void aFailedCallCountsAsAFailure() {
		lifecycle(true).onComplete(new CompletionContext<>(Status.FAILED, new ConnectException("refused"),
				new DefaultRequest<>(), new DefaultResponse(this.instance)));
		assertThat(ejected()).isTrue();
	}

	@Test
	void aServerErrorCountsAsAFailureUnlessTurnedOff() {
		lifecycle(false).onComplete(answered(HttpStatus.SERVICE_UNAVAILABLE));
		assertThat(ejected()).isFalse();
		lifecycle(true).onComplete(answered(HttpStatus.SERVICE_UNAVAILABLE));
		assertThat(ejected()).isTrue();
	}

	@Test
	void aClientErrorIsASuccess() {
		OutlierDetectors twoInARow = new OutlierDetectors(
				new OutlierEjection(2, Duration.ofSeconds(30), Duration.ofSeconds(300), 10, Duration.ofSeconds(10)),
				() -> 0L, List.of());
		OutlierEjectionLifecycle lifecycle = new OutlierEjectionLifecycle(twoInARow, true);
		lifecycle.onComplete(answered(HttpStatus.INTERNAL_SERVER_ERROR));
		lifecycle.onComplete(answered(HttpStatus.NOT_FOUND));
		lifecycle.onComplete(answered(HttpStatus.INTERNAL_SERVER_ERROR));
		assertThat(twoInARow.of("calc").current().contains(this.instance)).isFalse();
		lifecycle.onComplete(answered(HttpStatus.INTERNAL_SERVER_ERROR));
		assertThat(twoInARow.of("calc").current().contains(this.instance)).isTrue();
	}

	@Test
	void aDiscardedCallIsNeither() {
		lifecycle(true).onComplete(
				new CompletionContext<>(Status.DISCARD, new DefaultRequest<>(), new DefaultResponse(this.instance)));
		lifecycle(true).onComplete(new CompletionContext<>(Status.FAILED, new DefaultRequest<>()));
		assertThat(ejected()).isFalse();
	}

	private CompletionContext<Object, ServiceInstance, Object> answered(HttpStatus status) {
		return new CompletionContext<>(Status.SUCCESS, new DefaultRequest<>(), new DefaultResponse(this.instance),
				new ResponseData(status, new HttpHeaders(), new LinkedMultiValueMap<>(), null));
	}

	private boolean ejected() {
		return this.detectors.of("calc").current().contains(this.instance);
	}

	private OutlierEjectionLifecycle lifecycle(boolean serverErrors) {
		return new OutlierEjectionLifecycle(this.detectors, serverErrors);
	}

}
