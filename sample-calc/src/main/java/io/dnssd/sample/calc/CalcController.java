package io.dnssd.sample.calc;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Evaluates an arithmetic expression, and tells which instance evaluated it.
 */
@RestController
class CalcController {

	@GetMapping("/calc")
	Map<String, Object> calc(@RequestParam String expression, HttpServletRequest request) {
		return Map.of("expression", expression, "result", Expression.evaluate(expression).toPlainString(), "instance",
				request.getLocalAddr() + ":" + request.getLocalPort());
	}

	@ExceptionHandler
	ProblemDetail invalidExpression(InvalidExpressionException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid expression");
		problem.setProperty("position", ex.getPosition());
		return problem;
	}

}
