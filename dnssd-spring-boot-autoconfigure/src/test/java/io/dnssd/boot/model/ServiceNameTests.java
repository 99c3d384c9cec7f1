package io.dnssd.boot.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ServiceNameTests {

	@Test
	void acceptsLettersDigitsAndSingleHyphensUpToFifteenCharacters() {
		assertThat(new ServiceName("sample-calc2").serviceType()).isEqualTo("_sample-calc2._tcp");
		assertThat(new ServiceName("a23456789012345").name()).hasSize(15);
	}

	@Test
	void parsesAServiceType() {
		assertThat(ServiceName.parse("_calc._tcp")).isEqualTo(new ServiceName("calc"));
		assertThat(ServiceName.parse("calc")).isEqualTo(new ServiceName("calc"));
	}

	@Test
	void rejectsSixteenCharactersNamingTheName() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ServiceName("a234567890123456"))
			.withMessageContaining("'a234567890123456'")
			.withMessageContaining("16 characters");
	}

	@Test
	void rejectsUnderscoresDotsAndSpaces() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ServiceName("my_service"))
			.withMessageContaining("'_' at position 3");
		assertThatIllegalArgumentException().isThrownBy(() -> new ServiceName("a.b"));
		assertThatIllegalArgumentException().isThrownBy(() -> new ServiceName("a b"));
	}

	@Test
	void rejectsMisplacedHyphensDigitsOnlyAndEmpty() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ServiceName("-calc")).withMessageContaining("hyphen");
		assertThatIllegalArgumentException().isThrownBy(() -> new ServiceName("calc-")).withMessageContaining("hyphen");
		assertThatIllegalArgumentException().isThrownBy(() -> new ServiceName("ca--lc"))
			.withMessageContaining("two hyphens");
		assertThatIllegalArgumentException().isThrownBy(() -> new ServiceName("1234")).withMessageContaining("letter");
		assertThatIllegalArgumentException().isThrownBy(() -> new ServiceName("")).withMessageContaining("empty");
	}

}
