package io.dnssd.boot.dns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What Spring Boot's failure analysis prints when both a TSIG secret and a secret file
 * are set: the property at fault and where it came from, never the secret.
 */
@ExtendWith(OutputCaptureExtension.class)
class TsigSecretFailureAnalysisTests {

	private static final String SECRET = "c2VjcmV0LXRoYXQtbXVzdC1uZXZlci1iZS1wcmludGVk";

	@Test
	void theFailureAnalysisNamesTheSecretFileAndNeverShowsTheSecret(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.properties("dnssd.backend=dns", "spring.application.name=calc", "dnssd.domain=example.test",
					"dnssd.dns.servers=127.0.0.1:5300", "dnssd.dns.update.server=127.0.0.1:5300",
					"dnssd.registration.address=127.0.0.1", "dnssd.dns.update.tsig.name=app",
					"dnssd.dns.update.tsig.secret=" + SECRET, "dnssd.dns.update.tsig.secret-file=/run/secrets/app.key")
			.run()
			.close());
		assertThat(output.getOut() + output.getErr()).contains("dnssd.dns.update.tsig.secret-file")
			.contains("not both")
			.doesNotContain(SECRET);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
