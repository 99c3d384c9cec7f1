package io.dnssd.boot.registration;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import io.dnssd.boot.discovery.ServiceInstanceMapper;
import io.dnssd.boot.model.ServiceRegistration;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.serviceregistry.Registration;

/**
 * This application's Spring Cloud {@link Registration}. It exists from startup, so the
 * {@code serviceregistry} endpoint can find it; its instance is bound once the port is
 * known.
 */
public class DnsSdRegistration implements Registration {

	private final RegistrationFactory factory;

	private final UnaryOperator<ServiceRegistration> customizer;

	private final AtomicReference<@Nullable ServiceRegistration> bound = new AtomicReference<>();

	/**
	 * Creates a registration.
	 * @param factory builds the instance once the port is known
	 */
	public DnsSdRegistration(RegistrationFactory factory) {
		this(factory, UnaryOperator.identity());
	}

	/**
	 * Creates a registration that is customized before it is published.
	 * @param factory builds the instance once the port is known
	 * @param customizer customizes what the factory built, see
	 * {@link DnsSdRegistrationCustomizer}
	 */
	public DnsSdRegistration(RegistrationFactory factory, UnaryOperator<ServiceRegistration> customizer) {
		this.factory = factory;
		this.customizer = customizer;
	}

	/**
	 * Binds the instance to the port the application listens on; later calls keep the
	 * first.
	 * @param listeningPort the web server's port, or 0 when there is none
	 * @return the bound registration
	 */
	public ServiceRegistration bind(int listeningPort) {
		ServiceRegistration current = this.bound.get();
		if (current != null) {
			return current;
		}
		this.bound.compareAndSet(null, this.customizer.apply(this.factory.create(listeningPort)));
		return Objects.requireNonNull(this.bound.get(), "bound above");
	}

	/**
	 * Returns whether a port was bound.
	 * @return {@code true} once {@link #bind(int)} was called
	 */
	public boolean isBound() {
		return this.bound.get() != null;
	}

	/**
	 * Returns the bound registration.
	 * @return the registration
	 * @throws IllegalStateException if no port was bound yet
	 */
	public ServiceRegistration current() {
		ServiceRegistration registration = this.bound.get();
		if (registration == null) {
			throw new IllegalStateException("The registration of " + this.factory.service() + " has no port yet");
		}
		return registration;
	}

	@Override
	public String getServiceId() {
		return this.factory.service().name();
	}

	@Override
	public String getInstanceId() {
		return current().instance().value();
	}

	@Override
	public String getHost() {
		return asServiceInstance().getHost();
	}

	@Override
	public int getPort() {
		return current().port();
	}

	@Override
	public boolean isSecure() {
		return current().toInstance().secure();
	}

	@Override
	public URI getUri() {
		return Objects.requireNonNull(asServiceInstance().getUri(), "built from host and port");
	}

	@Override
	public Map<String, String> getMetadata() {
		return Objects.requireNonNull(asServiceInstance().getMetadata(), "built by the mapper");
	}

	@Override
	public String toString() {
		ServiceRegistration registration = this.bound.get();
		return (registration != null) ? "'" + registration.instance() + "' of " + registration.service() + " at "
				+ getHost() + ":" + registration.port() : this.factory.service() + " (no port yet)";
	}

	private ServiceInstance asServiceInstance() {
		return ServiceInstanceMapper.toServiceInstance(getServiceId(), current().toInstance());
	}

}
