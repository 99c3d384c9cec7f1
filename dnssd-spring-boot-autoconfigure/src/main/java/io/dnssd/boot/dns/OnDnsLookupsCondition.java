package io.dnssd.boot.dns;

import io.dnssd.boot.DnsSdProperties;
import io.dnssd.boot.DnsSdProperties.Backend;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when services are looked up in DNS: on the dns backend, and on cloud-map with
 * {@code dnssd.cloud-map.discovery=dns}.
 */
class OnDnsLookupsCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Binder binder = Binder.get(context.getEnvironment());
		Backend backend = binder.bind("dnssd.backend", Backend.class).orElse(new DnsSdProperties().getBackend());
		if (backend == Backend.DNS) {
			return ConditionOutcome.match("dnssd.backend is dns");
		}
		String discovery = binder.bind("dnssd.cloud-map.discovery", String.class).orElse("api");
		return "dns".equalsIgnoreCase(discovery)
				? ConditionOutcome.match("dnssd.backend is cloud-map with dnssd.cloud-map.discovery=dns")
				: ConditionOutcome.noMatch("dnssd.backend is " + backend + " with discovery " + discovery);
	}

}
