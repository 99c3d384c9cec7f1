package io.dnssd.boot.actuate;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.dnssd.boot.loadbalancer.OutlierEjectionListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.RetryableRequestContext;

/**
 * Micrometer meters of the load balancer, tagged by service only (never by instance, so
 * the number of time series stays that of the services called): ejections, instances
 * ejected now, and calls retried on another instance. Spring Cloud LoadBalancer's own
 * {@code loadbalancer.requests.*} meters
 * ({@code spring.cloud.loadbalancer.stats.micrometer.enabled}) add outcomes per instance.
 */
public class LoadBalancerMetrics
		implements OutlierEjectionListener, LoadBalancerLifecycle<Object, Object, ServiceInstance> {

	/** Name of the counter of ejections. */
	public static final String EJECTIONS = "dnssd.loadbalancer.ejections";

	/** Name of the gauge of instances ejected now. */
	public static final String EJECTED = "dnssd.loadbalancer.ejected";

	/** Name of the counter of calls retried on another instance. */
	public static final String RETRIES = "dnssd.loadbalancer.retries";

	private final MeterRegistry registry;

	private final Map<String, AtomicInteger> ejected = new ConcurrentHashMap<>();

	private final Map<String, Counter> ejections = new ConcurrentHashMap<>();

	private final Map<String, Counter> retries = new ConcurrentHashMap<>();

	/**
	 * Creates the metrics.
	 * @param registry where meters are registered
	 */
	public LoadBalancerMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void ejected(String serviceId, String instance, Duration time) {
		this.ejections
			.computeIfAbsent(serviceId,
					(id) -> Counter.builder(EJECTIONS)
						.description("Instances ejected from the choice after failed calls")
						.tag("service", id)
						.register(this.registry))
			.increment();
		ejectedNow(serviceId).incrementAndGet();
	}

	@Override
	public void returned(String serviceId, String instance) {
		ejectedNow(serviceId).decrementAndGet();
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
		if (instance != null && request.getContext() instanceof RetryableRequestContext context
				&& context.getPreviousServiceInstance() != null) {
			this.retries
				.computeIfAbsent(String.valueOf(instance.getServiceId()),
						(id) -> Counter.builder(RETRIES)
							.description("Calls retried on another instance")
							.tag("service", id)
							.register(this.registry))
				.increment();
		}
	}

	@Override
	public void onComplete(CompletionContext<Object, ServiceInstance, Object> completionContext) {
	}

	private AtomicInteger ejectedNow(String serviceId) {
		return this.ejected.computeIfAbsent(serviceId, (id) -> {
			AtomicInteger count = new AtomicInteger();
			Gauge.builder(EJECTED, count, AtomicInteger::get)
				.description("Instances ejected from the choice now")
				.tag("service", id)
				.register(this.registry);
			return count;
		});
	}

}
