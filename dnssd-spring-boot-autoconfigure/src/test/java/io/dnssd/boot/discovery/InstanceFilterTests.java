package io.dnssd.boot.discovery;

import java.util.HashMap;
import java.util.Map;

import io.dnssd.boot.model.Attributes;
import io.dnssd.boot.model.Instance;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceFilterTests {

	@Test
	void matchesKeysCaseInsensitivelyAndValuesExactly() {
		InstanceFilter filter = InstanceFilter.of(Map.of("STAGE", "prod"), Map.of());
		assertThat(filter.matches(instance(Map.of("stage", "prod")))).isTrue();
		assertThat(filter.matches(instance(Map.of("stage", "Prod")))).isFalse();
		assertThat(filter.matches(instance(Map.of("version", "1")))).isFalse();
	}

	@Test
	void serviceFiltersAddToAndOverrideGlobalOnes() {
		InstanceFilter filter = InstanceFilter.of(Map.of("stage", "prod", "zone", "a"), Map.of("Stage", "dev"));
		assertThat(filter.required()).containsOnly(Map.entry("stage", "dev"), Map.entry("zone", "a"));
		assertThat(filter.matches(instance(Map.of("stage", "dev", "zone", "a")))).isTrue();
		assertThat(filter.matches(instance(Map.of("stage", "prod", "zone", "a")))).isFalse();
	}

	@Test
	void aBooleanAttributeMatchesTrue() {
		Map<String, String> canary = new HashMap<>();
		canary.put("canary", null);
		assertThat(InstanceFilter.of(Map.of("canary", "true"), Map.of()).matches(instance(canary))).isTrue();
		assertThat(InstanceFilter.of(Map.of("canary", "yes"), Map.of()).matches(instance(canary))).isFalse();
	}

	private static Instance instance(Map<String, String> attributes) {
		return new Instance("i", "127.0.0.1", 80, false, 0, 0, Attributes.of(attributes));
	}

}
