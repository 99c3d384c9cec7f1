package io.dnssd.boot.dns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.TSIG;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Builds the dnsjava {@link TSIG} key from {@code dnssd.dns.update.tsig.*}, reading
 * BIND's {@code key} clause format when a secret file is given. Error messages name the
 * property and never show the secret.
 */
final class TsigKeys {

	private static final String PREFIX = "dnssd.dns.update.tsig.";

	private static final String HIDDEN = "<hidden>";

	private static final Map<String, Name> ALGORITHMS = Map.of("hmac-sha256", TSIG.HMAC_SHA256, "hmac-sha512",
			TSIG.HMAC_SHA512, "hmac-sha1", TSIG.HMAC_SHA1);

	private static final Pattern KEY_CLAUSE = Pattern.compile("key\\s+\"?([^\"\\s{]+)\"?\\s*\\{(.*?)}\\s*;",
			Pattern.DOTALL);

	private static final Pattern STATEMENT = Pattern.compile("(algorithm|secret)\\s+\"?([^\";\\s]+)\"?\\s*;");

	private TsigKeys() {
	}

	/**
	 * Builds the key, or returns {@code null} when updates are to be sent unsigned.
	 * @param tsig the properties
	 * @return the key
	 * @throws InvalidConfigurationPropertyValueException naming the property at fault
	 */
	static @Nullable TsigKey from(DnsUpdateProperties.Tsig tsig) {
		String name = tsig.getName();
		String algorithm = tsig.getAlgorithm();
		String secret = tsig.getSecret();
		String algorithmProperty = PREFIX + "algorithm";
		String secretProperty = PREFIX + "secret";
		if (tsig.getSecretFile() != null) {
			if (secret != null) {
				throw new InvalidConfigurationPropertyValueException(PREFIX + "secret-file", tsig.getSecretFile(),
						"set either it or " + PREFIX + "secret, not both");
			}
			KeyClause clause = read(tsig.getSecretFile());
			if (name != null && !name.equals(clause.name())) {
				throw new InvalidConfigurationPropertyValueException(PREFIX + "name", name,
						"the key in " + tsig.getSecretFile() + " is named '" + clause.name() + "'");
			}
			name = clause.name();
			algorithm = (clause.algorithm() != null) ? clause.algorithm() : algorithm;
			algorithmProperty = PREFIX + "secret-file";
			secret = clause.secret();
			secretProperty = PREFIX + "secret-file";
		}
		if (name == null && secret == null) {
			return null;
		}
		if (name == null || name.isBlank()) {
			throw new InvalidConfigurationPropertyValueException(PREFIX + "name", name,
					"a TSIG secret is set but not the name of its key");
		}
		if (secret == null || secret.isBlank()) {
			throw new InvalidConfigurationPropertyValueException(secretProperty, null,
					"TSIG key '" + name + "' has no secret");
		}
		Name algorithmName = ALGORITHMS.get(algorithm.toLowerCase(Locale.ROOT));
		if (algorithmName == null) {
			throw new InvalidConfigurationPropertyValueException(algorithmProperty, algorithm,
					"supported TSIG algorithms are " + String.join(", ", ALGORITHMS.keySet()));
		}
		try {
			if (Base64.getDecoder().decode(secret.trim()).length == 0) {
				throw new IllegalArgumentException("empty");
			}
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException(secretProperty, HIDDEN,
					"the secret of TSIG key '" + name + "' is not valid base64");
		}
		return new TsigKey(name, algorithm.toLowerCase(Locale.ROOT), new TSIG(algorithmName, name, secret.trim()));
	}

	private static KeyClause read(String file) {
		String property = PREFIX + "secret-file";
		String text;
		try {
			text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new InvalidConfigurationPropertyValueException(property, file, "cannot be read: " + ex);
		}
		Matcher clause = KEY_CLAUSE.matcher(text);
		if (!clause.find()) {
			throw new InvalidConfigurationPropertyValueException(property, file,
					"no 'key \"name\" { algorithm ...; secret \"...\"; };' clause found");
		}
		String algorithm = null;
		String secret = null;
		Matcher statement = STATEMENT.matcher(clause.group(2));
		while (statement.find()) {
			if ("algorithm".equals(statement.group(1))) {
				algorithm = statement.group(2);
			}
			else {
				secret = statement.group(2);
			}
		}
		return new KeyClause(clause.group(1), algorithm, secret);
	}

	private record KeyClause(String name, @Nullable String algorithm, @Nullable String secret) {
	}

	/**
	 * A TSIG key ready to sign.
	 *
	 * @param name the key's name
	 * @param algorithm the algorithm, e.g. {@code hmac-sha256}
	 * @param signer the dnsjava key
	 */
	record TsigKey(String name, String algorithm, TSIG signer) {

		@Override
		public String toString() {
			return "TSIG key '" + this.name + "' (" + this.algorithm + ")";
		}

	}

}
