package io.dnssd.boot.cloudmap;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

import io.dnssd.boot.model.Attributes;
import io.dnssd.boot.model.InstanceName;
import io.dnssd.boot.model.ServiceName;
import io.dnssd.boot.model.ServiceRegistration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CloudMapAttributesTests {

	@Test
	void carriesAddressPortInitialHealthAndCustomAttributes() throws Exception {
		ServiceRegistration registration = registration("calc-1", InetAddress.getByName("fd00::5"),
				Map.of("stage", "prod"), 3);
		assertThat(CloudMapAttributes.of(registration, true)).containsEntry("AWS_INSTANCE_IPV6", "fd00:0:0:0:0:0:0:5")
			.containsEntry("AWS_INSTANCE_PORT", "8080")
			.containsEntry("AWS_INIT_HEALTH_STATUS", "UNHEALTHY")
			.containsEntry("stage", "prod")
			.containsEntry("weight", "3")
			.doesNotContainKey("priority");
		assertThat(CloudMapAttributes.of(registration, false)).doesNotContainKey("AWS_INIT_HEALTH_STATUS");
	}

	@Test
	void instanceIdsKeepToCloudMapsCharactersAndLength() throws Exception {
		assertThat(CloudMapAttributes
			.instanceId(registration("Calc One (α)", InetAddress.getLoopbackAddress(), Map.of(), 1)))
			.isEqualTo("Calc-One----");
		assertThat(CloudMapAttributes
			.instanceId(registration("x".repeat(63), InetAddress.getLoopbackAddress(), Map.of(), 1))).hasSize(63);
	}

	@Test
	void rejectsWhatCloudMapCannotHoldNamingTheAttribute() {
		assertThatIllegalArgumentException().isThrownBy(() -> validate(Map.of("aws_zone", "a")))
			.withMessageContaining("'aws_zone'");
		assertThatIllegalArgumentException().isThrownBy(() -> validate(Map.of("color", " blue")))
			.withMessageContaining("'color'");
		Map<String, String> large = new LinkedHashMap<>();
		for (int i = 0; i < 25; i++) {
			large.put("k" + i, "x".repeat(250));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> validate(large)).withMessageContaining("5000 characters");
		Map<String, String> many = new LinkedHashMap<>();
		for (int i = 0; i < 31; i++) {
			many.put("k" + i, "v");
		}
		assertThatIllegalArgumentException().isThrownBy(() -> validate(many)).withMessageContaining("30 custom");
	}

	@Test
	void acceptsAttributesWithinTheLimits() {
		validate(Map.of("version", "1.2.3", "stage", "prod", "note", "two words"));
	}

	private static void validate(Map<String, String> attributes) {
		CloudMapAttributes.validate(Attributes.of(attributes));
	}

	private static ServiceRegistration registration(String instance, InetAddress address,
			Map<String, String> attributes, int weight) {
		return new ServiceRegistration(new ServiceName("calc"), new InstanceName(instance), address, 8080, 0, weight,
				Attributes.of(attributes));
	}

}
