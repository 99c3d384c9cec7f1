package io.dnssd.sample.portal;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The JSON endpoints behind the portal's page.
 */
@RestController
class PortalApiController {

	private final ServiceDirectory directory;

	private final ServiceCalls calls;

	PortalApiController(ServiceDirectory directory, ServiceCalls calls) {
		this.directory = directory;
		this.calls = calls;
	}

	@GetMapping("/api/services")
	List<ServiceDirectory.Service> services() {
		return this.directory.services();
	}

	@GetMapping("/api/time")
	Map<String, Object> time(@RequestParam(defaultValue = "15:04:05") String format) {
		requireInstances("time");
		return this.calls.time(format);
	}

	@GetMapping("/api/calc")
	Map<String, Object> calc(@RequestParam String expression) {
		requireInstances("calc");
		return this.calls.calc(expression);
	}

	private void requireInstances(String service) {
		if (!this.directory.hasInstances(service)) {
			throw new NoInstanceException(service);
		}
	}

	@ExceptionHandler
	ProblemDetail noInstance(NoInstanceException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
		problem.setTitle("No instance of " + ex.getService());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail rejected(RestClientResponseException ex) {
		ProblemDetail answer = ex.getResponseBodyAs(ProblemDetail.class);
		if (answer != null && answer.getDetail() != null) {
			return answer;
		}
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
				"The service answered " + ex.getStatusCode().value());
	}

	@ExceptionHandler
	ProblemDetail unreachable(RestClientException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY,
				"The service did not answer: " + ex.getMostSpecificCause().getMessage());
		problem.setTitle("Service unreachable");
		return problem;
	}

}
