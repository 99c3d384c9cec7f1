package io.dnssd.sample.calc;

import java.math.BigDecimal;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sample service that adds two numbers; it answers with the port that served the call.
 */
@SpringBootApplication
@RestController
public class CalcApplication {

	private final WebServerApplicationContext context;

	CalcApplication(WebServerApplicationContext context) {
		this.context = context;
	}

	@GetMapping("/sum")
	Map<String, Object> sum(@RequestParam BigDecimal a, @RequestParam BigDecimal b) {
		return Map.of("result", a.add(b), "port", this.context.getWebServer().getPort());
	}

	public static void main(String[] args) {
		SpringApplication.run(CalcApplication.class, args);
	}

}
