package io.dnssd.sample.portal;

import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

/**
 * Calls the time and calc services by name; the load balancer picks an instance per call.
 */
class ServiceCalls {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private final RestClient restClient;

	ServiceCalls(RestClient loadBalanced) {
		this.restClient = loadBalanced;
	}

	Map<String, Object> time(String format) {
		return this.restClient.get()
			.uri((uri) -> uri.scheme("http").host("time").path("/time").queryParam("format", "{format}").build(format))
			.retrieve()
			.body(JSON);
	}

	Map<String, Object> calc(String expression) {
		return this.restClient.get()
			.uri((uri) -> uri.scheme("http")
				.host("calc")
				.path("/calc")
				.queryParam("expression", "{expression}")
				.build(expression))
			.retrieve()
			.body(JSON);
	}

}
