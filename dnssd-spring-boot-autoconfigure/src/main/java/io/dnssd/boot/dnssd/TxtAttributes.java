package io.dnssd.boot.dnssd;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.dnssd.boot.model.Attribute;
import io.dnssd.boot.model.Attributes;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.TXTRecord;

/**
 * Attributes as DNS-SD keeps them in a TXT record: one character-string per attribute,
 * each at most 255 bytes (<a href="https://www.rfc-editor.org/rfc/rfc6763#section-6">RFC
 * 6763 §6</a>).
 */
public final class TxtAttributes {

	/** Largest size of one TXT string on the wire (RFC 6763 §6.1). */
	public static final int MAX_STRING_BYTES = 255;

	private TxtAttributes() {
	}

	/**
	 * Reads the attributes of a TXT record as a server sent it. Empty strings are
	 * ignored; strings with an empty key or a key that is not printable US-ASCII are
	 * skipped and reported; never throws.
	 * @param txt the record
	 * @param malformed receives a description of each skipped string
	 * @return the attributes
	 */
	public static Attributes parse(TXTRecord txt, Consumer<String> malformed) {
		return parse(txt.getStringsAsByteArrays(), malformed);
	}

	/**
	 * Reads attributes from raw TXT strings.
	 * @param strings the strings, as they arrived on the wire
	 * @param malformed receives a description of each skipped string
	 * @return the attributes
	 */
	public static Attributes parse(List<byte[]> strings, Consumer<String> malformed) {
		Map<String, @Nullable String> attributes = new LinkedHashMap<>();
		for (byte[] raw : strings) {
			if (raw.length == 0) {
				continue;
			}
			String text = new String(raw, StandardCharsets.UTF_8);
			int equals = text.indexOf('=');
			String key = (equals >= 0) ? text.substring(0, equals) : text;
			String problem = Attribute.keyProblem(key);
			if (problem != null) {
				malformed.accept("TXT string '" + Attributes.printable(text) + "' skipped: key " + problem);
				continue;
			}
			attributes.putIfAbsent(key, (equals >= 0) ? text.substring(equals + 1) : null);
		}
		return Attributes.lenient(attributes, malformed);
	}

	/**
	 * Checks that every attribute fits one TXT string, at startup.
	 * @param attributes the attributes this application publishes
	 * @throws IllegalArgumentException naming the first attribute that does not fit
	 */
	public static void validate(Attributes attributes) {
		for (Attribute attribute : attributes.all()) {
			int size = attribute.toTxtString().getBytes(StandardCharsets.UTF_8).length;
			if (size > MAX_STRING_BYTES) {
				throw new IllegalArgumentException("TXT attribute '" + attribute.key() + "' is " + size
						+ " bytes long as key=value, at most " + MAX_STRING_BYTES + " are allowed (RFC 6763 §6.1)");
			}
		}
	}

}
