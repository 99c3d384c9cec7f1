package io.dnssd.boot.actuate;

import java.util.Locale;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Keeps the TSIG secret out of Actuator's {@code env} and {@code configprops} output even
 * when {@code show-values} is {@code always}: the value of
 * {@code dnssd.dns.update.tsig.secret} is always shown masked. Other properties are left
 * to the application's own settings.
 */
@AutoConfiguration(beforeName = {
		"org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration" })
@ConditionalOnClass(SanitizingFunction.class)
public final class SecretSanitizingAutoConfiguration {

	/** The property whose value is never shown. */
	static final String SECRET_PROPERTY = "dnssd.dns.update.tsig.secret";

	/** Shorter values are not looked for elsewhere, they would mask unrelated entries. */
	private static final int MIN_SECRET_LENGTH = 8;

	@Bean
	SanitizingFunction dnssdTsigSecretSanitizingFunction() {
		return SanitizingFunction.sanitizeValue().ifKeyMatches(SecretSanitizingAutoConfiguration::isTsigSecret);
	}

	/**
	 * Masks every entry that holds the secret under another name: the environment
	 * variable a placeholder reads it from, the command line in {@code sun.java.command}.
	 * @param environment where the secret is resolved
	 * @return the function
	 */
	@Bean
	SanitizingFunction dnssdTsigSecretValueSanitizingFunction(Environment environment) {
		return (data) -> {
			Object value = data.getValue();
			if (value == null) {
				return data;
			}
			String secret = environment.getProperty(SECRET_PROPERTY);
			return (secret != null && secret.length() >= MIN_SECRET_LENGTH && value.toString().contains(secret))
					? data.withValue(SanitizableData.SANITIZED_VALUE) : data;
		};
	}

	/**
	 * Matches the property as the env endpoint names it, in any of its relaxed forms
	 * (e.g. {@code DNSSD_DNS_UPDATE_TSIG_SECRET}), and as the configprops endpoint names
	 * it.
	 * @param key a property name in any form
	 * @return whether it names the TSIG secret
	 */
	private static boolean isTsigSecret(String key) {
		return key.toLowerCase(Locale.ROOT).replace('_', '.').equals(SECRET_PROPERTY);
	}

}
