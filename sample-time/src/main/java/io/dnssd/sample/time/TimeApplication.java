package io.dnssd.sample.time;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Sample service that formats the current time with a Go-style layout ("15:04", "2 Jan").
 */
@SpringBootApplication
public class TimeApplication {

	@Bean
	Clock clock() {
		return Clock.systemDefaultZone();
	}

	public static void main(String[] args) {
		SpringApplication.run(TimeApplication.class, args);
	}

}
