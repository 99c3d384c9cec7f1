package io.dnssd.sample.time;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells the current time in a Go layout, and which instance told it.
 */
@RestController
class TimeController {

	static final String DEFAULT_LAYOUT = "Mon Jan _2 15:04:05 MST 2006";

	private final Clock clock;

	TimeController(Clock clock) {
		this.clock = clock;
	}

	@GetMapping("/time")
	Map<String, Object> time(@RequestParam(defaultValue = DEFAULT_LAYOUT) String format, HttpServletRequest request) {
		String time = GoLayout.parse(format).format(ZonedDateTime.now(this.clock));
		return Map.of("time", time, "format", format, "instance",
				request.getLocalAddr() + ":" + request.getLocalPort());
	}

	@ExceptionHandler
	ProblemDetail invalidLayout(InvalidLayoutException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid time layout");
		return problem;
	}

}
