package io.dnssd.boot.loadbalancer;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.ResponseData;
import org.springframework.http.HttpStatusCode;

/**
 * Reports the outcome of every load-balanced call to the service's
 * {@link OutlierDetector}: Spring Cloud LoadBalancer calls it for {@code @LoadBalanced}
 * {@code RestClient}, {@code RestTemplate} and {@code WebClient} alike, once per attempt
 * when it retries. A call that failed (connect failure, timeout, any exception of the
 * HTTP client) counts as a failure, so does a 5xx answer unless turned off; any other
 * answer is a success; a discarded call (no instance chosen) is neither.
 */
final class OutlierEjectionLifecycle implements LoadBalancerLifecycle<Object, Object, ServiceInstance> {

	private final OutlierDetectors detectors;

	private final boolean serverErrors;

	/**
	 * Creates the lifecycle.
	 * @param detectors the detectors of the services
	 * @param serverErrors whether a 5xx answer counts as a failure
	 */
	OutlierEjectionLifecycle(OutlierDetectors detectors, boolean serverErrors) {
		this.detectors = detectors;
		this.serverErrors = serverErrors;
	}

	@Override
	@SuppressWarnings("rawtypes")
	public boolean supports(Class requestContextClass, Class responseClass, Class serverTypeClass) {
		return ServiceInstance.class.isAssignableFrom(serverTypeClass);
	}

	@Override
	public void onStart(Request<Object> request) {
	}

	@Override
	public void onStartRequest(Request<Object> request, Response<ServiceInstance> lbResponse) {
	}

	@Override
	public void onComplete(CompletionContext<Object, ServiceInstance, Object> completionContext) {
		Response<ServiceInstance> response = completionContext.getLoadBalancerResponse();
		ServiceInstance instance = (response != null) ? response.getServer() : null;
		if (instance == null || instance.getServiceId() == null
				|| completionContext.status() == CompletionContext.Status.DISCARD) {
			return;
		}
		OutlierDetector detector = this.detectors.of(instance.getServiceId());
		if (completionContext.status() == CompletionContext.Status.FAILED || isServerError(completionContext)) {
			detector.failed(instance);
		}
		else {
			detector.succeeded(instance);
		}
	}

	private boolean isServerError(CompletionContext<Object, ServiceInstance, Object> completionContext) {
		if (this.serverErrors && completionContext.getClientResponse() instanceof ResponseData data) {
			HttpStatusCode status = data.getHttpStatus();
			return status != null && status.is5xxServerError();
		}
		return false;
	}

}
