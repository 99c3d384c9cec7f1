package io.dnssd.boot.dns;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Matches when a zone to update is known: {@code dnssd.dns.update.zone} or
 * {@code dnssd.domain} is set.
 */
class OnDnsUpdateZoneCondition extends AnyNestedCondition {

	OnDnsUpdateZoneCondition() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@ConditionalOnProperty("dnssd.dns.update.zone")
	static class ZoneSet {

	}

	@ConditionalOnProperty("dnssd.domain")
	static class DomainSet {

	}

}
