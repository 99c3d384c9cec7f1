package io.dnssd.sample.calc;

import org.junit.jupiter.api.Test;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class CalcControllerTests {

	private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new CalcController()).build();

	@Test
	void evaluatesTheExpression() throws Exception {
		this.mvc.perform(get("/calc").param("expression", "(2+6)*3"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.result").value("24"))
			.andExpect(jsonPath("$.expression").value("(2+6)*3"))
			.andExpect(jsonPath("$.instance").exists());
	}

	@Test
	void answersBadRequestWithThePosition() throws Exception {
		this.mvc.perform(get("/calc").param("expression", "2+*3"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Invalid expression"))
			.andExpect(jsonPath("$.detail").value("Expected a number or '(' but found '*' at position 3"))
			.andExpect(jsonPath("$.position").value(3));
	}

	@Test
	void answersBadRequestOnDivisionByZero() throws Exception {
		this.mvc.perform(get("/calc").param("expression", "1/0"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("Division by zero at position 2"));
	}

}
