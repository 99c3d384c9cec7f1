package io.dnssd.boot.model;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Immutable set of TXT attributes of a DNS-SD instance
 * (<a href="https://www.rfc-editor.org/rfc/rfc6763#section-6">RFC 6763 §6</a>).
 * <p>
 * Keys compare case-insensitively and keep the spelling they were first given in; of
 * duplicate keys the first wins. {@link #parse(List, Consumer)} reads what a DNS server
 * sent and skips what is malformed; {@link #of(Map)} validates what this application
 * publishes and rejects what is malformed.
 */
public final class TxtAttributes {

	private static final TxtAttributes EMPTY = new TxtAttributes(Map.of());

	private final Map<String, TxtAttribute> byLowerCaseKey;

	private TxtAttributes(Map<String, TxtAttribute> byLowerCaseKey) {
		this.byLowerCaseKey = byLowerCaseKey;
	}

	/**
	 * Returns an empty set of attributes.
	 * @return the empty set
	 */
	public static TxtAttributes empty() {
		return EMPTY;
	}

	/**
	 * Creates attributes from a map of keys to values, validating each.
	 * @param attributes the attributes; a {@code null} value makes a boolean attribute
	 * @return the attributes, in the map's iteration order
	 * @throws IllegalArgumentException naming the first key that breaks RFC 6763 §6
	 */
	public static TxtAttributes of(Map<String, ? extends @Nullable String> attributes) {
		Map<String, TxtAttribute> result = new LinkedHashMap<>();
		attributes.forEach((key, value) -> {
			TxtAttribute attribute = new TxtAttribute(key, value);
			result.putIfAbsent(lowerCase(attribute.key()), attribute);
		});
		return new TxtAttributes(Collections.unmodifiableMap(result));
	}

	/**
	 * Parses the character-strings of a TXT record. Empty strings are ignored; strings with
	 * an empty key or a key that is not printable US-ASCII are skipped and reported.
	 * @param strings the raw strings, as they arrived on the wire
	 * @param malformed receives a description of each skipped string
	 * @return the attributes
	 */
	public static TxtAttributes parse(List<byte[]> strings, Consumer<String> malformed) {
		Map<String, TxtAttribute> result = new LinkedHashMap<>();
		for (byte[] raw : strings) {
			if (raw.length == 0) {
				continue;
			}
			String text = new String(raw, StandardCharsets.UTF_8);
			int equals = text.indexOf('=');
			String key = (equals >= 0) ? text.substring(0, equals) : text;
			String problem = TxtAttribute.keyProblem(key);
			if (problem != null) {
				malformed.accept("TXT string '" + printable(text) + "' skipped: key " + problem);
				continue;
			}
			String value = (equals >= 0) ? text.substring(equals + 1) : null;
			result.putIfAbsent(lowerCase(key), new TxtAttribute(key, value));
		}
		return result.isEmpty() ? EMPTY : new TxtAttributes(Collections.unmodifiableMap(result));
	}

	/**
	 * Returns the attribute with the given key, compared case-insensitively.
	 * @param key the key
	 * @return the attribute, if present
	 */
	public Optional<TxtAttribute> get(String key) {
		return Optional.ofNullable(this.byLowerCaseKey.get(lowerCase(key)));
	}

	/**
	 * Returns the attributes in the order they were given.
	 * @return the attributes
	 */
	public Collection<TxtAttribute> all() {
		return this.byLowerCaseKey.values();
	}

	/**
	 * Returns the number of attributes.
	 * @return the size
	 */
	public int size() {
		return this.byLowerCaseKey.size();
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof TxtAttributes that) && this.byLowerCaseKey.equals(that.byLowerCaseKey);
	}

	@Override
	public int hashCode() {
		return this.byLowerCaseKey.hashCode();
	}

	@Override
	public String toString() {
		return this.byLowerCaseKey.values().stream().map(TxtAttribute::toTxtString).toList().toString();
	}

	private static String lowerCase(String key) {
		return key.toLowerCase(Locale.ROOT);
	}

	private static String printable(String text) {
		StringBuilder out = new StringBuilder();
		text.codePoints().forEach((c) -> {
			if (c < 0x20 || c == 0x7F) {
				out.append(String.format("\\x%02x", c));
			}
			else {
				out.appendCodePoint(c);
			}
		});
		return out.toString();
	}

}
