package io.dnssd.sample.portal;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
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

	PortalApplication(RestClient.Builder builder) {
		this.restClient = builder.build();
	}

	@Bean
	@LoadBalanced
	static RestClient.Builder loadBalancedRestClientBuilder() {
		return RestClient.builder();
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
