package io.dnssd.boot.dns;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Registration by RFC 2136 dynamic update, signed with TSIG (RFC 8945).
 */
@ConfigurationProperties("dnssd.dns.update")
public class DnsUpdateProperties {

	/**
	 * Server that accepts the updates, as 'host[:port]'. Defaults to the primary named in
	 * the zone's SOA record.
	 */
	private @Nullable String server;

	/**
	 * Zone the records are written to. Defaults to 'dnssd.domain'.
	 */
	private @Nullable String zone;

	/**
	 * Host name the SRV record points at, when the instance runs on a host that already
	 * has address records. By default the registration writes an A or AAAA record at
	 * '<instance-id>.<domain>' and points at that.
	 */
	private @Nullable String targetHost;

	/**
	 * TSIG key that signs the updates.
	 */
	private final Tsig tsig = new Tsig();

	public @Nullable String getServer() {
		return this.server;
	}

	public void setServer(@Nullable String server) {
		this.server = server;
	}

	public @Nullable String getZone() {
		return this.zone;
	}

	public void setZone(@Nullable String zone) {
		this.zone = zone;
	}

	public @Nullable String getTargetHost() {
		return this.targetHost;
	}

	public void setTargetHost(@Nullable String targetHost) {
		this.targetHost = targetHost;
	}

	public Tsig getTsig() {
		return this.tsig;
	}

	/**
	 * TSIG key, from these properties or from a file in BIND's {@code key} clause format.
	 */
	public static class Tsig {

		/**
		 * Name of the key, as the server knows it. Updates are unsigned when neither a
		 * name nor a secret file is set.
		 */
		private @Nullable String name;

		/**
		 * HMAC algorithm of the key: 'hmac-sha256', 'hmac-sha512' or 'hmac-sha1'.
		 */
		private String algorithm = "hmac-sha256";

		/**
		 * Base64 secret of the key.
		 */
		private @Nullable String secret;

		/**
		 * File holding the key in BIND's format, as written by 'tsig-keygen'. The secret
		 * is read from its key statement, e.g. 'key "app" { algorithm hmac-sha256; secret
		 * "..."; };'.
		 */
		private @Nullable String secretFile;

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public String getAlgorithm() {
			return this.algorithm;
		}

		public void setAlgorithm(String algorithm) {
			this.algorithm = algorithm;
		}

		public @Nullable String getSecret() {
			return this.secret;
		}

		public void setSecret(@Nullable String secret) {
			this.secret = secret;
		}

		public @Nullable String getSecretFile() {
			return this.secretFile;
		}

		public void setSecretFile(@Nullable String secretFile) {
			this.secretFile = secretFile;
		}

	}

}
