package io.dnssd.boot.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TxtAttributesTests {

	@Test
	void parsesKeyValuePairsBooleanKeysAndEmptyValues() {
		TxtAttributes attributes = parse(new ArrayList<>(), "version=1.2", "secure", "empty=");
		assertThat(attributes.get("version")).contains(new TxtAttribute("version", "1.2"));
		assertThat(attributes.get("secure").orElseThrow().isBoolean()).isTrue();
		assertThat(attributes.get("empty").orElseThrow().value()).isEmpty();
	}

	@Test
	void comparesKeysCaseInsensitivelyAndKeepsTheFirstOfDuplicates() {
		TxtAttributes attributes = parse(new ArrayList<>(), "Stage=prod", "STAGE=dev", "stage=test");
		assertThat(attributes.size()).isOne();
		assertThat(attributes.get("stage").orElseThrow()).isEqualTo(new TxtAttribute("Stage", "prod"));
	}

	@Test
	void valuesMayContainEqualsSigns() {
		assertThat(parse(new ArrayList<>(), "query=a=b").get("query").orElseThrow().value()).isEqualTo("a=b");
	}

	@Test
	void ignoresEmptyStringsAndSkipsMalformedKeysWithAReason() {
		List<String> problems = new ArrayList<>();
		TxtAttributes attributes = parse(problems, "", "=value", "\u0007bell=1", "ok=1");
		assertThat(attributes.all()).containsExactly(new TxtAttribute("ok", "1"));
		assertThat(problems).hasSize(2);
		assertThat(problems.get(0)).contains("'=value'").contains("empty");
		assertThat(problems.get(1)).contains("\\x07bell=1").contains("not printable");
	}

	@Test
	void ofValidatesWhatThisApplicationPublishes() {
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put("version", "1.0");
		attributes.put("canary", null);
		assertThat(TxtAttributes.of(attributes).all()).extracting(TxtAttribute::toTxtString)
			.containsExactly("version=1.0", "canary");
		assertThatIllegalArgumentException().isThrownBy(() -> TxtAttributes.of(Map.of("a=b", "c")))
			.withMessageContaining("'a=b'");
		assertThatIllegalArgumentException().isThrownBy(() -> TxtAttributes.of(Map.of("", "c")))
			.withMessageContaining("empty");
		assertThatIllegalArgumentException().isThrownBy(() -> TxtAttributes.of(Map.of("ключ", "c")))
			.withMessageContaining("not printable US-ASCII");
	}

	@Test
	void rejectsAnAttributeLongerThan255Bytes() {
		assertThat(new TxtAttribute("k", "x".repeat(253)).toTxtString()).hasSize(255);
		assertThatIllegalArgumentException().isThrownBy(() -> new TxtAttribute("k", "x".repeat(254)))
			.withMessageContaining("'k' is 256 bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> new TxtAttribute("k", "é".repeat(127)))
			.withMessageContaining("256 bytes");
	}

	private static TxtAttributes parse(List<String> problems, String... strings) {
		return TxtAttributes.parse(Stream.of(strings).map((s) -> s.getBytes(StandardCharsets.UTF_8)).toList(),
				problems::add);
	}

}
