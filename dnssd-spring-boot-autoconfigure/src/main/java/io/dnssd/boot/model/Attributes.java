package io.dnssd.boot.model;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Immutable set of {@link Attribute attributes} of an instance, backend-neutral.
 * <p>
 * Keys compare case-insensitively and keep the spelling they were first given in; of
 * duplicate keys the first wins. {@link #of(Map)} validates what this application
 * publishes and rejects what is malformed; {@link #lenient(Map, Consumer)} reads what a
 * backend holds and skips what is malformed.
 */
public final class Attributes {

	private static final Attributes EMPTY = new Attributes(Map.of());

	private final Map<String, Attribute> byLowerCaseKey;

	private Attributes(Map<String, Attribute> byLowerCaseKey) {
		this.byLowerCaseKey = byLowerCaseKey;
	}

	/**
	 * Returns an empty set of attributes.
	 * @return the empty set
	 */
	public static Attributes empty() {
		return EMPTY;
	}

	/**
	 * Creates attributes from a map of keys to values, validating each.
	 * @param attributes the attributes; a {@code null} value makes a boolean attribute
	 * @return the attributes, in the map's iteration order
	 * @throws IllegalArgumentException naming the first key that breaks RFC 6763 §6
	 */
	public static Attributes of(Map<String, ? extends @Nullable String> attributes) {
		Map<String, Attribute> result = new LinkedHashMap<>();
		attributes.forEach((key, value) -> {
			Attribute attribute = new Attribute(key, value);
			result.putIfAbsent(lowerCase(attribute.key()), attribute);
		});
		return new Attributes(Collections.unmodifiableMap(result));
	}

	/**
	 * Creates attributes from what a backend holds, skipping and reporting each attribute
	 * whose key is invalid; never throws.
	 * @param attributes the attributes; a {@code null} value makes a boolean attribute
	 * @param skipped receives a description of each skipped attribute
	 * @return the valid attributes, in the map's iteration order
	 */
	public static Attributes lenient(Map<String, ? extends @Nullable String> attributes, Consumer<String> skipped) {
		Map<String, Attribute> result = new LinkedHashMap<>();
		attributes.forEach((key, value) -> {
			String problem = Attribute.keyProblem(key);
			if (problem != null) {
				skipped.accept("attribute '" + printable(key) + "' skipped: key " + problem);
			}
			else {
				result.putIfAbsent(lowerCase(key), new Attribute(key, value));
			}
		});
		return result.isEmpty() ? EMPTY : new Attributes(Collections.unmodifiableMap(result));
	}

	/**
	 * Returns the attribute with the given key, compared case-insensitively.
	 * @param key the key
	 * @return the attribute, if present
	 */
	public Optional<Attribute> get(String key) {
		return Optional.ofNullable(this.byLowerCaseKey.get(lowerCase(key)));
	}

	/**
	 * Returns the attributes in the order they were given.
	 * @return the attributes
	 */
	public Collection<Attribute> all() {
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
		return (other instanceof Attributes that) && this.byLowerCaseKey.equals(that.byLowerCaseKey);
	}

	@Override
	public int hashCode() {
		return this.byLowerCaseKey.hashCode();
	}

	@Override
	public String toString() {
		return this.byLowerCaseKey.values().stream().map(Attribute::toTxtString).toList().toString();
	}

	private static String lowerCase(String key) {
		return key.toLowerCase(Locale.ROOT);
	}

	/**
	 * Returns text with control characters escaped, safe for a log line.
	 * @param text the text
	 * @return e.g. {@code \x07bell}
	 */
	public static String printable(String text) {
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
