package io.dnssd.sample.portal;

import java.time.Duration;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Sample portal: a web page that lists the discovered services and calls the time and
 * calc services by name through a {@link LoadBalanced @LoadBalanced} {@link RestClient}.
 */
@SpringBootApplication
public class PortalApplication {

	@Bean
	@LoadBalanced
	RestClient.Builder loadBalancedRestClientBuilder() {
		return RestClient.builder();
	}

	@Bean
	ServiceCalls serviceCalls(@LoadBalanced RestClient.Builder builder) {
		return new ServiceCalls(builder.build());
	}

	@Bean
	InstanceHealth instanceHealth() {
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(Duration.ofMillis(500));
		requests.setReadTimeout(Duration.ofSeconds(1));
		return new InstanceHealth(RestClient.builder().requestFactory(requests).build());
	}

	public static void main(String[] args) {
		SpringApplication.run(PortalApplication.class, args);
	}

}
