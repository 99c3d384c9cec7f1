package io.dnssd.boot.dnssd;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.dnssd.boot.model.Attribute;
import io.dnssd.boot.model.Attributes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class TxtAttributesTests {

	@Test
	void parsesKeyValuePairsBooleanKeysAndEmptyValues() {
		Attributes attributes = parse(new ArrayList<>(), "version=1.2", "secure", "empty=");
		assertThat(attributes.get("version")).contains(new Attribute("version", "1.2"));
		assertThat(attributes.get("secure").orElseThrow().isBoolean()).isTrue();
		assertThat(attributes.get("empty").orElseThrow().value()).isEmpty();
	}

	@Test
	void comparesKeysCaseInsensitivelyAndKeepsTheFirstOfDuplicates() {
		Attributes attributes = parse(new ArrayList<>(), "Stage=prod", "STAGE=dev", "stage=test", "Stage=again");
		assertThat(attributes.size()).isOne();
		assertThat(attributes.get("stage").orElseThrow()).isEqualTo(new Attribute("Stage", "prod"));
	}

	@Test
	void valuesMayContainEqualsSigns() {
		assertThat(parse(new ArrayList<>(), "query=a=b").get("query").orElseThrow().value()).isEqualTo("a=b");
	}

	@Test
	void ignoresEmptyStringsAndSkipsMalformedKeysWithAReason() {
		List<String> problems = new ArrayList<>();
		Attributes attributes = parse(problems, "", "=value", "\u0007bell=1", "ok=1");
		assertThat(attributes.all()).containsExactly(new Attribute("ok", "1"));
		assertThat(problems).hasSize(2);
		assertThat(problems.get(0)).contains("'=value'").contains("empty");
		assertThat(problems.get(1)).contains("\\x07bell=1").contains("not printable");
	}

	@Test
	void anAttributeFitsWhenItsStringHoldsAtMost255Bytes() {
		assertThatNoException().isThrownBy(() -> TxtAttributes.validate(Attributes.of(Map.of("k", "x".repeat(253)))));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TxtAttributes.validate(Attributes.of(Map.of("k", "x".repeat(254)))))
			.withMessageContaining("'k' is 256 bytes");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TxtAttributes.validate(Attributes.of(Map.of("k", "é".repeat(127)))))
			.withMessageContaining("256 bytes");
	}

	private static Attributes parse(List<String> problems, String... strings) {
		return TxtAttributes.parse(Stream.of(strings).map((s) -> s.getBytes(StandardCharsets.UTF_8)).toList(),
				problems::add);
	}

}
