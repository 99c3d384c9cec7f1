package io.dnssd.benchmarks.eureka.client;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.web.client.RestClient;

/**
 * Gives the Eureka client a plain {@link RestClient.Builder} for its calls to the Eureka
 * server. Spring Cloud Netflix 5.0 takes the application's {@code RestClient.Builder} for
 * them, and when the only one is the portal's {@code @LoadBalanced} builder its calls to
 * {@code 127.0.0.1} go through the load balancer and the client never registers
 * (spring-cloud-netflix#4591); the workaround its maintainers give is a primary
 * non-load-balanced builder beside it.
 */
@AutoConfiguration
public class EurekaTransportAutoConfiguration {

	@Bean
	@Primary
	RestClient.Builder eurekaTransportRestClientBuilder() {
		return RestClient.builder();
	}

}
