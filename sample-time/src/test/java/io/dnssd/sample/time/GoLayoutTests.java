package io.dnssd.sample.time;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class GoLayoutTests {

	private static final ZonedDateTime SUNDAY_MORNING = ZonedDateTime.of(2026, 11, 22, 9, 7, 3, 120_000_000,
			ZoneOffset.UTC);

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			15:04                        | 09:07
			2 Jan                        | 22 Nov
			Jan -> 15                    | Nov -> 09
			15:04 Jan 2                  | 09:07 Nov 22
			'Monday, 02-Jan-06 3:04PM'   | 'Sunday, 22-Nov-26 9:07AM'
			Mon Jan 2 15:04:05 MST 2006  | Sun Nov 22 09:07:03 UTC 2026
			Monday January _2            | Sunday November 22
			3:4:5 PM                     | 9:7:3 AM
			03pm                         | 09am
			01/02/06                     | 11/22/26
			002 __2                      | 326 326
			x_2006                       | x_2026
			2006-01-02T15:04:05.000Z07:00 | 2026-11-22T09:07:03.120Z
			15:04:05.999999              | 09:07:03.12
			15:04:05,000000              | 09:07:03,120000
			Z0700 -07 -07:00:00          | Z +00 +00:00:00
			""")
	void formatsLikeGo(String layout, String expected) {
		assertThat(GoLayout.parse(layout).format(SUNDAY_MORNING)).isEqualTo(expected);
	}

	@Test
	void writesTheOffsetOfTheTimeZone() {
		ZonedDateTime kolkata = SUNDAY_MORNING.withZoneSameInstant(ZoneId.of("Asia/Kolkata"));
		assertThat(GoLayout.parse("15:04 -0700 Z07:00").format(kolkata)).isEqualTo("14:37 +0530 +05:30");
	}

	@Test
	void dropsTrimmedFractionWhenItIsZero() {
		assertThat(GoLayout.parse("05.999").format(SUNDAY_MORNING.withNano(0))).isEqualTo("03");
	}

	@Test
	void copiesWordsThatAreNotElementsAsGoDoes() {
		assertThat(GoLayout.parse("Jan 2 at 15:04, Month").format(SUNDAY_MORNING)).isEqualTo("Nov 22 at 09:07, Month");
	}

	@Test
	void rejectsLayoutWithNothingToFormat() {
		assertThatExceptionOfType(InvalidLayoutException.class).isThrownBy(() -> GoLayout.parse("Month of hours"))
			.withMessageStartingWith("Layout 'Month of hours' has nothing to format");
		assertThatExceptionOfType(InvalidLayoutException.class).isThrownBy(() -> GoLayout.parse(""))
			.withMessageContaining("nothing to format");
	}

	@Test
	void rejectsDigitsThatAreNotPartOfTheReferenceTime() {
		assertThatExceptionOfType(InvalidLayoutException.class).isThrownBy(() -> GoLayout.parse("Jan 2007"))
			.withMessageStartingWith("Unknown element '2007' at position 5");
		assertThatExceptionOfType(InvalidLayoutException.class).isThrownBy(() -> GoLayout.parse("16:04"))
			.withMessageStartingWith("Unknown element '16' at position 1");
	}

	@Test
	void rejectsMonthAndWeekdayNamesOtherThanTheReference() {
		assertThatExceptionOfType(InvalidLayoutException.class).isThrownBy(() -> GoLayout.parse("15:04 Feb 2"))
			.withMessageStartingWith("Unknown element 'Feb' at position 7");
		assertThatExceptionOfType(InvalidLayoutException.class).isThrownBy(() -> GoLayout.parse("Tuesday 15"))
			.withMessageStartingWith("Unknown element 'Tuesday' at position 1");
	}

	@Test
	void rejectsOverlongLayout() {
		assertThatExceptionOfType(InvalidLayoutException.class).isThrownBy(() -> GoLayout.parse("15:04 ".repeat(40)))
			.withMessage("Layout is 240 characters long; at most 200 are accepted");
	}

}
