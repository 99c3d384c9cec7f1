package io.dnssd.sample.time;

import java.time.ZonedDateTime;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sample service that tells the time.
 */
@SpringBootApplication
@RestController
public class TimeApplication {

	private final WebServerApplicationContext context;

	TimeApplication(WebServerApplicationContext context) {
		this.context = context;
	}

	@GetMapping("/time")
	Map<String, Object> time() {
		return Map.of("time", ZonedDateTime.now().toString(), "port", this.context.getWebServer().getPort());
	}

	public static void main(String[] args) {
		SpringApplication.run(TimeApplication.class, args);
	}

}
