package io.dnssd.boot.mdns;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;

import io.dnssd.boot.dnssd.TxtAttributes;
import io.dnssd.boot.model.InstanceName;
import io.dnssd.boot.model.Registrar;
import io.dnssd.boot.model.RegistryTraits;
import io.dnssd.boot.model.ServiceRegistration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Registers by answering for the instance's records on the local link: probing and
 * announcing on {@link #register}, goodbye packets on {@link #deregister} and when health
 * withdraws the instance.
 */
final class MdnsRegistrar implements Registrar {

	private static final Log logger = LogFactory.getLog(MdnsRegistrar.class);

	/**
	 * Peers drop an instance when its goodbye arrives; a second covers calls already
	 * under way.
	 */
	private static final Duration GOODBYE_TAKES_EFFECT = Duration.ofSeconds(1);

	private final MdnsResponder responder;

	private final Duration ttl;

	private final RegistryTraits traits;

	private final String description;

	MdnsRegistrar(MdnsResponder responder, Duration ttl, Optional<InetAddress> localAddress, String description) {
		this.responder = responder;
		this.ttl = ttl;
		this.traits = new RegistryTraits(GOODBYE_TAKES_EFFECT, localAddress.orElse(null), TxtAttributes::validate,
				true);
		this.description = description;
	}

	@Override
	public void register(ServiceRegistration registration) {
		ServiceRegistration published = this.responder.publish(registration, this.ttl);
		if (!published.instance().equals(registration.instance())) {
			logger.info("Instance '" + registration.instance().value() + "' of service '" + registration.service()
					+ "' answers as '" + published.instance().value() + "' because another instance holds its name");
		}
	}

	@Override
	public InstanceName publishedName(ServiceRegistration registration) {
		return this.responder.nameOf(registration.instance());
	}

	@Override
	public void deregister(ServiceRegistration registration) {
		this.responder.unpublish(registration);
	}

	@Override
	public RegistryTraits traits() {
		return this.traits;
	}

	@Override
	public String description() {
		return this.description;
	}

}
