package io.dnssd.boot.mdns;

import java.time.Duration;

import io.dnssd.boot.ConditionalOnDnsSdBackend;
import io.dnssd.boot.ConditionalOnDnsSdEnabled;
import io.dnssd.boot.DnsSdProperties;
import io.dnssd.boot.DnsSdProperties.Backend;
import io.dnssd.boot.DnsSdScheduler;
import io.dnssd.boot.DnsSdSchedulerAutoConfiguration;
import io.dnssd.boot.model.InstanceSource;
import io.dnssd.boot.model.Registrar;
import io.dnssd.boot.registration.ConditionalOnDnsSdRegistrationEnabled;
import org.xbill.DNS.Message;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the multicast DNS backend, the default: registration and
 * discovery on the local link with no server, on the loopback interface unless
 * {@code dnssd.mdns.interfaces} names others.
 */
@AutoConfiguration(after = DnsSdSchedulerAutoConfiguration.class)
@ConditionalOnClass(Message.class)
@ConditionalOnDnsSdEnabled
@ConditionalOnDnsSdBackend(Backend.MDNS)
@EnableConfigurationProperties({ DnsSdProperties.class, MdnsProperties.class })
public final class MdnsAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	MdnsEngine dnssdMdnsEngine(MdnsProperties properties, DnsSdProperties dnsSd, DnsSdScheduler scheduler) {
		String domain = dnsSd.getDomain();
		if (domain != null && !MdnsRecords.LOCAL.toString(true).equalsIgnoreCase(domain.replaceAll("\\.$", ""))) {
			throw new InvalidConfigurationPropertyValueException("dnssd.domain", domain,
					"multicast DNS (dnssd.backend=mdns) serves only 'local'; remove dnssd.domain or choose"
							+ " dnssd.backend=dns");
		}
		if (properties.getMaxQueryInterval().compareTo(Duration.ofSeconds(1)) < 0) {
			throw new InvalidConfigurationPropertyValueException("dnssd.mdns.max-query-interval",
					properties.getMaxQueryInterval(),
					"it must be at least 1s, the first interval of continuous querying (RFC 6762 §5.2)");
		}
		if (properties.getInitialWait().isNegative()) {
			throw new InvalidConfigurationPropertyValueException("dnssd.mdns.initial-wait", properties.getInitialWait(),
					"it must not be negative");
		}
		return new MdnsEngine(MdnsInterfaces.resolve(properties.getInterfaces()), properties.isIpv6(),
				properties.getMaxQueryInterval(), scheduler.taskScheduler());
	}

	@Bean
	@ConditionalOnMissingBean
	InstanceSource mdnsInstanceSource(MdnsEngine engine, MdnsProperties properties) {
		return new MdnsInstanceSource(engine, properties.getInitialWait());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnDnsSdRegistrationEnabled
	Registrar mdnsRegistrar(MdnsEngine engine, DnsSdProperties dnsSd) {
		return new MdnsRegistrar(engine.responder(), dnsSd.getTtl(), MdnsInterfaces.firstAddress(engine.interfaces()),
				engine.description());
	}

}
