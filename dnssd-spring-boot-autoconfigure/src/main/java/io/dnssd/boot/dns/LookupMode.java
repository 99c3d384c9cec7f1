package io.dnssd.boot.dns;

/**
 * How the DNS names of a service's instances are found.
 */
public enum LookupMode {

	/**
	 * DNS-SD (RFC 6763): PTR {@code _<service>._tcp.<domain>}, then SRV and TXT of each
	 * instance, then the addresses of the SRV targets.
	 */
	DNS_SD,

	/**
	 * SRV records (RFC 2782) at a name built from the name template, then the addresses
	 * of their targets.
	 */
	SRV,

	/**
	 * A and AAAA records at a name built from the name template; every address is an
	 * instance on the configured port.
	 */
	ADDRESS

}
