package io.dnssd.boot.mdns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Multicast DNS backend, the default ({@code dnssd.backend=mdns}).
 */
@ConfigurationProperties("dnssd.mdns")
public class MdnsProperties {

	/**
	 * Names of the network interfaces to send and listen on, e.g. 'eth0'. Defaults to the
	 * loopback interface, so nothing leaves the machine; name a LAN interface to be found
	 * from other machines.
	 */
	private List<String> interfaces = new ArrayList<>();

	/**
	 * Whether to use IPv6 (ff02::fb) besides IPv4 (224.0.0.251).
	 */
	private boolean ipv6;

	/**
	 * How long the first lookup of a service waits for answers before it returns what it
	 * has. Later answers and announcements update the instances as they arrive.
	 */
	private Duration initialWait = Duration.ofSeconds(1);

	/**
	 * Longest interval between the queries of a service that is in use. Queries start 1s
	 * apart and the interval doubles up to this (RFC 6762 §5.2); at least 1s.
	 */
	private Duration maxQueryInterval = Duration.ofMinutes(1);

	public List<String> getInterfaces() {
		return this.interfaces;
	}

	public void setInterfaces(List<String> interfaces) {
		this.interfaces = interfaces;
	}

	public boolean isIpv6() {
		return this.ipv6;
	}

	public void setIpv6(boolean ipv6) {
		this.ipv6 = ipv6;
	}

	public Duration getInitialWait() {
		return this.initialWait;
	}

	public void setInitialWait(Duration initialWait) {
		this.initialWait = initialWait;
	}

	public Duration getMaxQueryInterval() {
		return this.maxQueryInterval;
	}

	public void setMaxQueryInterval(Duration maxQueryInterval) {
		this.maxQueryInterval = maxQueryInterval;
	}

}
