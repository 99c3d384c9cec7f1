package io.dnssd.boot.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.dnssd.boot.PropertyChecks;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Unicast DNS servers used for lookups.
 */
@ConfigurationProperties("dnssd.dns")
public class DnsProperties implements InitializingBean {

	/**
	 * DNS servers as 'host[:port]' ('[v6-address]:port' for IPv6), tried in order. When
	 * empty, the system's resolver configuration (resolv.conf) is used.
	 */
	private List<String> servers = new ArrayList<>();

	/**
	 * Time to wait for one server's answer to one query before trying again or moving on.
	 */
	private Duration timeout = Duration.ofSeconds(2);

	/**
	 * Largest number of queries in flight at once during one lookup.
	 */
	private int maxConcurrentQueries = 32;

	@Override
	public void afterPropertiesSet() {
		PropertyChecks.positive("dnssd.dns.timeout", this.timeout);
		PropertyChecks.atLeastOne("dnssd.dns.max-concurrent-queries", this.maxConcurrentQueries);
	}

	public List<String> getServers() {
		return this.servers;
	}

	public void setServers(List<String> servers) {
		this.servers = servers;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public int getMaxConcurrentQueries() {
		return this.maxConcurrentQueries;
	}

	public void setMaxConcurrentQueries(int maxConcurrentQueries) {
		this.maxConcurrentQueries = maxConcurrentQueries;
	}

}
