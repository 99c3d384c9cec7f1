package io.dnssd.boot.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AttributesTests {

	@Test
	void ofValidatesWhatThisApplicationPublishes() {
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put("version", "1.0");
		attributes.put("canary", null);
		assertThat(Attributes.of(attributes).all()).extracting(Attribute::toTxtString)
			.containsExactly("version=1.0", "canary");
		assertThatIllegalArgumentException().isThrownBy(() -> Attributes.of(Map.of("a=b", "c")))
			.withMessageContaining("'a=b'");
		assertThatIllegalArgumentException().isThrownBy(() -> Attributes.of(Map.of("", "c")))
			.withMessageContaining("empty");
		assertThatIllegalArgumentException().isThrownBy(() -> Attributes.of(Map.of("ключ", "c")))
			.withMessageContaining("not printable US-ASCII");
	}

	@Test
	void theModelHasNoWireSizeLimit() {
		assertThat(new Attribute("note", "x".repeat(1024)).value()).hasSize(1024);
	}

	@Test
	void lenientSkipsOnlyTheMalformedAttributesAndNeverThrows() {
		Map<String, String> held = new LinkedHashMap<>();
		held.put("big", "x".repeat(1024));
		held.put("a=b", "c");
		held.put("ok", "1");
		List<String> skipped = new ArrayList<>();
		Attributes attributes = Attributes.lenient(held, skipped::add);
		assertThat(attributes.all()).extracting(Attribute::key).containsExactly("big", "ok");
		assertThat(skipped).singleElement().asString().contains("'a=b'");
	}

}
