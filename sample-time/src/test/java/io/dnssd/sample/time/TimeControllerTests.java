package io.dnssd.sample.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class TimeControllerTests {

	private final MockMvc mvc = MockMvcBuilders
		.standaloneSetup(new TimeController(Clock.fixed(Instant.parse("2026-11-22T09:07:03Z"), ZoneOffset.UTC)))
		.build();

	@Test
	void formatsTheCurrentTimeWithTheLayout() throws Exception {
		this.mvc.perform(get("/time").param("format", "15:04 Jan 2"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.time").value("09:07 Nov 22"))
			.andExpect(jsonPath("$.format").value("15:04 Jan 2"))
			.andExpect(jsonPath("$.instance").exists());
	}

	@Test
	void usesTheUnixDateLayoutWithoutFormat() throws Exception {
		this.mvc.perform(get("/time")).andExpect(jsonPath("$.time").value("Sun Nov 22 09:07:03 UTC 2026"));
	}

	@Test
	void answersBadRequestNamingTheFault() throws Exception {
		this.mvc.perform(get("/time").param("format", "hello"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.title").value("Invalid time layout"))
			.andExpect(jsonPath("$.detail").value(startsWith("Layout 'hello' has nothing")));
	}

}
