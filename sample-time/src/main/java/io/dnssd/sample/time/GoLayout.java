package io.dnssd.sample.time;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A time layout written the way Go's {@code time.Format} takes it: as the reference time
 * {@code Mon Jan 2 15:04:05 MST 2006} shown the way the result should look. "15:04" gives
 * the hour and minute, "2 Jan" the day and month, "Jan -> 15" the month, an arrow and the
 * hour.
 * <p>
 * Elements are recognised as Go recognises them; everything else is copied as it is. Two
 * mistakes that Go would copy silently are rejected instead: a digit that is not part of
 * the reference time (such as "2007" or "16") and a month or weekday name other than the
 * reference's (such as "Feb" or "Tue").
 *
 * @see <a href="https://pkg.go.dev/time#pkg-constants">Go's layout constants</a>
 */
public final class GoLayout {

	/** Longest layout accepted, in characters. */
	public static final int MAX_LENGTH = 200;

	private static final String REFERENCE = "Mon Jan 2 15:04:05 MST 2006";

	private static final Set<String> OTHER_NAMES = Set.of("Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
			"Nov", "Dec", "February", "March", "April", "June", "July", "August", "September", "October", "November",
			"December", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Tuesday", "Wednesday", "Thursday", "Friday",
			"Saturday", "Sunday");

	private final List<Part> parts;

	private GoLayout(List<Part> parts) {
		this.parts = parts;
	}

	/**
	 * Parses a layout.
	 * @param layout the layout, such as "15:04 Jan 2"
	 * @return the parsed layout
	 * @throws InvalidLayoutException if the layout is too long, formats nothing, or holds
	 * an unknown element
	 */
	public static GoLayout parse(String layout) {
		if (layout.length() > MAX_LENGTH) {
			throw new InvalidLayoutException(
					"Layout is " + layout.length() + " characters long; at most " + MAX_LENGTH + " are accepted");
		}
		List<Part> parts = new ArrayList<>();
		StringBuilder literal = new StringBuilder();
		boolean formatsSomething = false;
		int i = 0;
		while (i < layout.length()) {
			Match match = LayoutElement.match(layout, i);
			if (match == null) {
				rejectUnknown(layout, i);
				literal.append(layout.charAt(i));
				i++;
				continue;
			}
			literal.append(match.literalPrefix());
			if (!literal.isEmpty()) {
				parts.add(new Literal(literal.toString()));
				literal.setLength(0);
			}
			parts.add(new ElementPart(match.element(),
					layout.substring(i + match.literalPrefix().length(), i + match.length())));
			formatsSomething = true;
			i += match.length();
		}
		if (!formatsSomething) {
			throw new InvalidLayoutException("Layout '" + layout + "' has nothing to format: write the reference time "
					+ REFERENCE + " as the result should look, for example '15:04' or '2 Jan'");
		}
		if (!literal.isEmpty()) {
			parts.add(new Literal(literal.toString()));
		}
		return new GoLayout(List.copyOf(parts));
	}

	/**
	 * Formats a time with this layout.
	 * @param time the time
	 * @return the formatted time
	 */
	public String format(ZonedDateTime time) {
		StringBuilder result = new StringBuilder();
		for (Part part : this.parts) {
			part.appendTo(result, time);
		}
		return result.toString();
	}

	private static void rejectUnknown(String layout, int index) {
		char c = layout.charAt(index);
		if (Character.isDigit(c)) {
			int start = index;
			while (start > 0 && Character.isDigit(layout.charAt(start - 1))) {
				start--;
			}
			int end = index;
			while (end < layout.length() && Character.isDigit(layout.charAt(end))) {
				end++;
			}
			throw unknown(layout.substring(start, end), start);
		}
		if (Character.isUpperCase(c) && (index == 0 || !Character.isLetter(layout.charAt(index - 1)))) {
			int end = index;
			while (end < layout.length() && Character.isLetter(layout.charAt(end))) {
				end++;
			}
			String word = layout.substring(index, end);
			if (OTHER_NAMES.contains(word)) {
				throw unknown(word, index);
			}
		}
	}

	private static InvalidLayoutException unknown(String token, int index) {
		return new InvalidLayoutException("Unknown element '" + token + "' at position " + (index + 1)
				+ ": layouts are written with the reference time " + REFERENCE);
	}

	/**
	 * A recognised element and how many characters of the layout it covers, counting a
	 * literal prefix that Go reads together with it (the "_" of "_2006").
	 *
	 * @param element the element
	 * @param length the characters it covers
	 * @param literalPrefix the literal text before it, empty when there is none
	 */
	record Match(LayoutElement element, int length, String literalPrefix) {
	}

	private sealed interface Part permits Literal, ElementPart {

		void appendTo(StringBuilder result, ZonedDateTime time);

	}

	private record Literal(String text) implements Part {

		@Override
		public void appendTo(StringBuilder result, ZonedDateTime time) {
			result.append(this.text);
		}

	}

	private record ElementPart(LayoutElement element, String text) implements Part {

		@Override
		public void appendTo(StringBuilder result, ZonedDateTime time) {
			this.element.appendTo(result, time, this.text);
		}

	}

}
