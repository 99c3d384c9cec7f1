package io.dnssd.boot;

import java.time.Duration;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Checks of property values at startup, each failing with the property's name, so Spring
 * Boot's failure analysis shows which setting to change.
 */
public final class PropertyChecks {

	private static final Pattern DOMAIN = Pattern.compile(
			"(?=.{1,253}\\.?$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\\.?");

	private PropertyChecks() {
	}

	/**
	 * Requires a duration above zero.
	 * @param property the property's name
	 * @param value its value
	 * @throws InvalidConfigurationPropertyValueException if it is zero or negative
	 */
	public static void positive(String property, Duration value) {
		if (value.isZero() || value.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(property, value, "it must be positive");
		}
	}

	/**
	 * Requires a duration of zero or more, if set.
	 * @param property the property's name
	 * @param value its value, or {@code null}
	 * @throws InvalidConfigurationPropertyValueException if it is negative
	 */
	public static void notNegative(String property, @Nullable Duration value) {
		if (value != null && value.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(property, value, "it must not be negative");
		}
	}

	/**
	 * Requires a number of at least one.
	 * @param property the property's name
	 * @param value its value
	 * @throws InvalidConfigurationPropertyValueException if it is below one
	 */
	public static void atLeastOne(String property, int value) {
		if (value < 1) {
			throw new InvalidConfigurationPropertyValueException(property, value, "it must be at least 1");
		}
	}

	/**
	 * Requires a percentage, from 0 to 100.
	 * @param property the property's name
	 * @param value its value
	 * @throws InvalidConfigurationPropertyValueException if it is outside 0 to 100
	 */
	public static void percent(String property, int value) {
		if (value < 0 || value > 100) {
			throw new InvalidConfigurationPropertyValueException(property, value, "it must be from 0 to 100");
		}
	}

	/**
	 * Requires a DNS domain name, if set (blank counts as unset): labels of letters,
	 * digits, hyphens and underscores joined by dots, not a URL or a list.
	 * @param property the property's name
	 * @param value its value, or {@code null}
	 * @throws InvalidConfigurationPropertyValueException if it is not a domain name
	 */
	public static void domainName(String property, @Nullable String value) {
		if (value != null && !value.isBlank() && !DOMAIN.matcher(value).matches()) {
			throw new InvalidConfigurationPropertyValueException(property, value,
					"it is not a DNS domain name (labels of letters, digits and hyphens joined by dots,"
							+ " e.g. 'services.example.com')");
		}
	}

}
