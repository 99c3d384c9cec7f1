package io.dnssd.sample.time;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One element of a Go layout, recognised with Go's precedence (see {@code nextStdChunk}
 * in Go's {@code time/format.go}) and formatted from a {@link ZonedDateTime}.
 */
enum LayoutElement {

	LONG_MONTH, MONTH, NUM_MONTH, ZERO_MONTH, LONG_WEEKDAY, WEEKDAY, DAY, UNDER_DAY, ZERO_DAY, UNDER_YEAR_DAY,
	ZERO_YEAR_DAY, HOUR, HOUR12, ZERO_HOUR12, MINUTE, ZERO_MINUTE, SECOND, ZERO_SECOND, LONG_YEAR, YEAR, PM_UPPER,
	PM_LOWER, ZONE_NAME, OFFSET, FRACTION_ZEROS, FRACTION_NINES;

	private static final LayoutElement[] ZERO_PADDED = { ZERO_MONTH, ZERO_DAY, ZERO_HOUR12, ZERO_MINUTE, ZERO_SECOND,
			YEAR };

	private static final List<String> OFFSET_FORMS = List.of("070000", "07:00:00", "0700", "07:00", "07");

	private static final DateTimeFormatter ZONE_ABBREVIATION = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);

	/**
	 * Recognises the element that starts at an index of a layout.
	 * @param layout the layout
	 * @param i the index
	 * @return the element, or {@code null} if the character there is a literal
	 */
	static GoLayout.@Nullable Match match(String layout, int i) {
		switch (layout.charAt(i)) {
			case 'J':
				if (layout.startsWith("January", i)) {
					return of(LONG_MONTH, 7);
				}
				if (layout.startsWith("Jan", i) && !lowerCaseAt(layout, i + 3)) {
					return of(MONTH, 3);
				}
				return null;
			case 'M':
				if (layout.startsWith("Monday", i)) {
					return of(LONG_WEEKDAY, 6);
				}
				if (layout.startsWith("Mon", i) && !lowerCaseAt(layout, i + 3)) {
					return of(WEEKDAY, 3);
				}
				return layout.startsWith("MST", i) ? of(ZONE_NAME, 3) : null;
			case '0':
				if (i + 1 < layout.length() && layout.charAt(i + 1) >= '1' && layout.charAt(i + 1) <= '6') {
					return of(ZERO_PADDED[layout.charAt(i + 1) - '1'], 2);
				}
				return layout.startsWith("002", i) ? of(ZERO_YEAR_DAY, 3) : null;
			case '1':
				return layout.startsWith("15", i) ? of(HOUR, 2) : of(NUM_MONTH, 1);
			case '2':
				return layout.startsWith("2006", i) ? of(LONG_YEAR, 4) : of(DAY, 1);
			case '_':
				if (layout.startsWith("_2006", i)) {
					return new GoLayout.Match(LONG_YEAR, 5, "_");
				}
				if (layout.startsWith("_2", i)) {
					return of(UNDER_DAY, 2);
				}
				return layout.startsWith("__2", i) ? of(UNDER_YEAR_DAY, 3) : null;
			case '3':
				return of(HOUR12, 1);
			case '4':
				return of(MINUTE, 1);
			case '5':
				return of(SECOND, 1);
			case 'P':
				return layout.startsWith("PM", i) ? of(PM_UPPER, 2) : null;
			case 'p':
				return layout.startsWith("pm", i) ? of(PM_LOWER, 2) : null;
			case '-', 'Z':
				return offset(layout, i);
			case '.', ',':
				return fraction(layout, i);
			default:
				return null;
		}
	}

	private static GoLayout.Match of(LayoutElement element, int length) {
		return new GoLayout.Match(element, length, "");
	}

	private static boolean lowerCaseAt(String layout, int index) {
		return index < layout.length() && layout.charAt(index) >= 'a' && layout.charAt(index) <= 'z';
	}

	private static GoLayout.@Nullable Match offset(String layout, int i) {
		return OFFSET_FORMS.stream()
			.filter((form) -> layout.startsWith(form, i + 1))
			.findFirst()
			.map((form) -> of(OFFSET, form.length() + 1))
			.orElse(null);
	}

	private static GoLayout.@Nullable Match fraction(String layout, int i) {
		if (i + 1 >= layout.length() || (layout.charAt(i + 1) != '0' && layout.charAt(i + 1) != '9')) {
			return null;
		}
		char digit = layout.charAt(i + 1);
		int end = i + 1;
		while (end < layout.length() && layout.charAt(end) == digit) {
			end++;
		}
		if (end < layout.length() && Character.isDigit(layout.charAt(end))) {
			return null;
		}
		return of((digit == '0') ? FRACTION_ZEROS : FRACTION_NINES, end - i);
	}

	/**
	 * Appends this element of a time.
	 * @param out where to append
	 * @param t the time
	 * @param text the layout text this element was recognised in
	 */
	void appendTo(StringBuilder out, ZonedDateTime t, String text) {
		switch (this) {
			case LONG_MONTH -> out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
			case MONTH -> out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
			case NUM_MONTH -> out.append(t.getMonthValue());
			case ZERO_MONTH -> pad(out, t.getMonthValue(), 2, '0');
			case LONG_WEEKDAY -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
			case WEEKDAY -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
			case DAY -> out.append(t.getDayOfMonth());
			case UNDER_DAY -> pad(out, t.getDayOfMonth(), 2, ' ');
			case ZERO_DAY -> pad(out, t.getDayOfMonth(), 2, '0');
			case UNDER_YEAR_DAY -> pad(out, t.getDayOfYear(), 3, ' ');
			case ZERO_YEAR_DAY -> pad(out, t.getDayOfYear(), 3, '0');
			case HOUR -> pad(out, t.getHour(), 2, '0');
			case HOUR12 -> out.append(hour12(t));
			case ZERO_HOUR12 -> pad(out, hour12(t), 2, '0');
			case MINUTE -> out.append(t.getMinute());
			case ZERO_MINUTE -> pad(out, t.getMinute(), 2, '0');
			case SECOND -> out.append(t.getSecond());
			case ZERO_SECOND -> pad(out, t.getSecond(), 2, '0');
			case LONG_YEAR -> pad(out, t.getYear(), 4, '0');
			case YEAR -> pad(out, t.getYear() % 100, 2, '0');
			case PM_UPPER -> out.append((t.getHour() >= 12) ? "PM" : "AM");
			case PM_LOWER -> out.append((t.getHour() >= 12) ? "pm" : "am");
			case ZONE_NAME -> appendZoneName(out, t);
			case FRACTION_ZEROS, FRACTION_NINES -> appendFraction(out, t, text);
			case OFFSET -> appendOffset(out, t.getOffset().getTotalSeconds(), text);
		}
	}

	private static void appendZoneName(StringBuilder out, ZonedDateTime t) {
		if (!(t.getZone() instanceof ZoneOffset)) {
			out.append(ZONE_ABBREVIATION.format(t));
		}
		else if (t.getOffset().getTotalSeconds() == 0) {
			out.append("UTC");
		}
		else {
			appendOffset(out, t.getOffset().getTotalSeconds(), "-0700");
		}
	}

	private static int hour12(ZonedDateTime t) {
		int hour = t.getHour() % 12;
		return (hour == 0) ? 12 : hour;
	}

	private static void pad(StringBuilder out, int value, int width, char padding) {
		String digits = Integer.toString(value);
		out.append(String.valueOf(padding).repeat(Math.max(0, width - digits.length()))).append(digits);
	}

	private void appendFraction(StringBuilder out, ZonedDateTime t, String text) {
		String nanos = String.format("%09d", t.getNano()).substring(0, Math.min(text.length() - 1, 9));
		if (this == FRACTION_NINES) {
			nanos = nanos.replaceFirst("0+$", "");
			if (nanos.isEmpty()) {
				return;
			}
		}
		out.append(text.charAt(0)).append(nanos);
	}

	/**
	 * Appends an offset in the form its layout text shows: "Z" for UTC when the text
	 * starts with 'Z', hours, then minutes and seconds as far as the text goes, colons
	 * where it has them.
	 * @param out where the offset is written
	 * @param totalSeconds the offset from UTC
	 * @param text the layout text of the element
	 */
	private static void appendOffset(StringBuilder out, int totalSeconds, String text) {
		if (text.charAt(0) == 'Z' && totalSeconds == 0) {
			out.append('Z');
			return;
		}
		int absolute = Math.abs(totalSeconds);
		int[] parts = { absolute / 3600, absolute / 60 % 60, absolute % 60 };
		int count = text.replace(":", "").length() / 2;
		out.append((totalSeconds < 0) ? '-' : '+');
		for (int part = 0; part < count; part++) {
			if (part > 0 && text.indexOf(':') >= 0) {
				out.append(':');
			}
			pad(out, parts[part], 2, '0');
		}
	}

}
