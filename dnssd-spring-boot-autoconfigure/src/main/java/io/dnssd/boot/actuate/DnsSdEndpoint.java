package io.dnssd.boot.actuate;

import java.util.Map;

import io.dnssd.boot.loadbalancer.LoadBalancerState;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code dnssd} Actuator endpoint: each service in use with its instances as the load
 * balancer sees them (SRV priority and weight, the weight in effect now, ejection, calls
 * in flight). {@code /actuator/dnssd} lists every service, {@code /actuator/dnssd/calc}
 * one.
 */
@Endpoint(id = "dnssd")
public class DnsSdEndpoint {

	private final LoadBalancerState state;

	/**
	 * Creates the endpoint.
	 * @param state what the load balancer knows
	 */
	public DnsSdEndpoint(LoadBalancerState state) {
		this.state = state;
	}

	/**
	 * Returns every service in use.
	 * @return the services, by name
	 */
	@ReadOperation
	public Map<String, LoadBalancerState.Service> services() {
		return this.state.services();
	}

	/**
	 * Returns one service.
	 * @param serviceId the service
	 * @return its state
	 */
	@ReadOperation
	public LoadBalancerState.Service service(@Selector String serviceId) {
		return this.state.service(serviceId);
	}

}
