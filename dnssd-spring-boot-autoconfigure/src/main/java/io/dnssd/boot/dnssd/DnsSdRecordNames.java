package io.dnssd.boot.dnssd;

import io.dnssd.boot.model.ServiceRegistration;
import org.jspecify.annotations.Nullable;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * The DNS names one registration writes (RFC 6763): the service type
 * {@code _<service>._tcp.<domain>}, the instance
 * {@code <instance>._<service>._tcp.<domain>}, the SRV target
 * {@code <host-label>.<domain>} (unless an existing host is configured) and the service
 * type enumeration {@code _services._dns-sd._udp.<domain>}.
 *
 * @param serviceType the PTR owner listing the instances
 * @param instance the owner of SRV and TXT
 * @param target the SRV target
 * @param ownTarget whether the registration writes the target's address records
 * @param enumeration the PTR owner listing the service types
 */
public record DnsSdRecordNames(Name serviceType, Name instance, Name target, boolean ownTarget, Name enumeration) {

	/**
	 * Returns the names of a registration.
	 * @param registration the registration
	 * @param domain the domain the names go under
	 * @param targetHost an existing host to use as SRV target, or {@code null} for one of
	 * the registration's own
	 * @return the names
	 * @throws IllegalArgumentException if the names do not fit in DNS
	 */
	public static DnsSdRecordNames of(ServiceRegistration registration, Name domain, @Nullable Name targetHost) {
		try {
			Name serviceType = Name.fromString(registration.service().serviceType(), domain);
			Name instance = Name.fromString(registration.instance().toEscapedLabel(), serviceType);
			Name target = (targetHost != null) ? targetHost : Name.fromString(registration.hostLabel(), domain);
			return new DnsSdRecordNames(serviceType, instance, target, targetHost == null,
					Name.fromString("_services._dns-sd._udp", domain));
		}
		catch (TextParseException ex) {
			throw new IllegalArgumentException("Registration " + registration.instance() + " of "
					+ registration.service() + " does not fit in DNS names under " + domain + ": " + ex.getMessage(),
					ex);
		}
	}

}
