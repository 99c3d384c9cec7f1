package io.dnssd.boot.loadbalancer;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;

/**
 * Counts the load-balanced calls in flight to each instance ({@link InFlightRequests}):
 * Spring Cloud LoadBalancer reports the start and the end of every call, retried attempts
 * included, for {@code @LoadBalanced} {@code RestClient}, {@code RestTemplate} and
 * {@code WebClient} alike.
 */
final class InFlightLifecycle implements LoadBalancerLifecycle<Object, Object, ServiceInstance> {

	private final InFlightRequests inFlight;

	/**
	 * Creates the lifecycle.
	 * @param inFlight the counts to keep
	 */
	InFlightLifecycle(InFlightRequests inFlight) {
		this.inFlight = inFlight;
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
		ServiceInstance instance = lbResponse.getServer();
		if (instance != null) {
			this.inFlight.started(instance);
		}
	}

	@Override
	public void onComplete(CompletionContext<Object, ServiceInstance, Object> completionContext) {
		Response<ServiceInstance> response = completionContext.getLoadBalancerResponse();
		ServiceInstance instance = (response != null) ? response.getServer() : null;
		if (instance != null && completionContext.status() != CompletionContext.Status.DISCARD) {
			this.inFlight.ended(instance);
		}
	}

}
