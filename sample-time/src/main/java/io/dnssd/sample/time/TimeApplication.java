package io.dnssd.sample.time;

import java.time.ZonedDateTime;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sample service that tells the time.
 */
@SpringBootApplication
@RestController
public class TimeApplication {

	private final String instance;

	TimeApplication(@Value("${spring.application.name}-${local.server.port:0}") String instance) {
		this.instance = instance;
	}

	@GetMapping("/time")
	Map<String, String> time() {
		return Map.of("time", ZonedDateTime.now().toString(), "instance", this.instance);
	}

	public static void main(String[] args) {
		SpringApplication.run(TimeApplication.class, args);
	}

}
