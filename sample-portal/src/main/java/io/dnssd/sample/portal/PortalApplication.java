package io.dnssd.sample.portal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * Sample portal that calls the time and calc services by name.
 */
@SpringBootApplication
@RestController
public class PortalApplication {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	private final RestClient restClient;

	private final DiscoveryClient discoveryClient;

	PortalApplication(RestClient.Builder builder, DiscoveryClient discoveryClient) {
		this.restClient = builder.build();
		this.discoveryClient = discoveryClient;
	}

	@Bean
	@LoadBalanced
	static RestClient.Builder loadBalancedRestClientBuilder() {
		return RestClient.builder();
	}

	@GetMapping("/api/services")
	Map<String, List<String>> services() {
		Map<String, List<String>> services = new TreeMap<>();
		for (String service : this.discoveryClient.getServices()) {
			services.put(service, this.discoveryClient.getInstances(service)
				.stream()
				.map((instance) -> instance.getInstanceId() + " " + instance.getHost() + ":" + instance.getPort())
				.toList());
		}
		return services;
	}

	@GetMapping("/api/time")
	Map<String, Object> time() {
		return this.restClient.get().uri("http://time/time").retrieve().body(JSON);
	}

	@GetMapping("/api/sum")
	Map<String, Object> sum(@RequestParam String a, @RequestParam String b) {
		return this.restClient.get().uri("http://calc/sum?a={a}&b={b}", a, b).retrieve().body(JSON);
	}

	public static void main(String[] args) {
		SpringApplication.run(PortalApplication.class, args);
	}

}
