package io.dnssd.sample.portal;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Asks an instance for its health status, directly at its address and port, where the
 * samples serve it at {@code /healthz} (their Actuator endpoints answer on a loopback
 * management port).
 */
class InstanceHealth {

	private final RestClient restClient;

	InstanceHealth(RestClient restClient) {
		this.restClient = restClient;
	}

	/**
	 * Returns the status an instance reports.
	 * @param instance the instance
	 * @return its health status ("UP", "DOWN", ...), or "UNREACHABLE" when it does not
	 * answer
	 */
	String status(ServiceInstance instance) {
		try {
			Map<?, ?> health = this.restClient.get()
				.uri(instance.getUri().resolve("/healthz"))
				.retrieve()
				.body(Map.class);
			return String.valueOf((health != null) ? health.get("status") : null);
		}
		catch (RestClientResponseException ex) {
			return statusOf(ex);
		}
		catch (RestClientException ex) {
			return "UNREACHABLE";
		}
	}

	private static String statusOf(RestClientResponseException ex) {
		return (healthStatus(ex) instanceof String status) ? status : "HTTP " + ex.getStatusCode().value();
	}

	private static @Nullable Object healthStatus(RestClientResponseException ex) {
		try {
			Map<?, ?> body = ex.getResponseBodyAs(Map.class);
			return (body != null) ? body.get("status") : null;
		}
		catch (RuntimeException notJson) {
			return null;
		}
	}

}
