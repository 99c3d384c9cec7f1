package io.dnssd.boot.registration;

import org.jspecify.annotations.Nullable;

import org.springframework.cloud.client.serviceregistry.AbstractAutoServiceRegistration;
import org.springframework.cloud.client.serviceregistry.AutoServiceRegistrationProperties;
import org.springframework.context.ApplicationContext;

/**
 * Registers this application once its web server knows its port (also with
 * {@code server.port=0}); a separate management server is not registered. An application
 * without a web server is registered on {@link #startWithoutWebServer()} when
 * {@code dnssd.registration.port} is set.
 */
public class DnsSdAutoServiceRegistration extends AbstractAutoServiceRegistration<DnsSdRegistration> {

	private final DnsSdRegistration registration;

	private final RegistrationProperties properties;

	/**
	 * Creates the auto-registration.
	 * @param context the application context
	 * @param registry the registry
	 * @param autoServiceRegistrationProperties the auto-registration settings of Spring
	 * Cloud
	 * @param registration this application's registration
	 * @param properties the registration properties
	 */
	public DnsSdAutoServiceRegistration(ApplicationContext context, DnsSdServiceRegistry registry,
			AutoServiceRegistrationProperties autoServiceRegistrationProperties, DnsSdRegistration registration,
			RegistrationProperties properties) {
		super(context, registry, autoServiceRegistrationProperties);
		this.registration = registration;
		this.properties = properties;
	}

	/**
	 * Registers an application that has no web server, when a port is configured.
	 */
	@SuppressWarnings("deprecation")
	public void startWithoutWebServer() {
		if (!isRunning() && this.properties.getPort() != null && getPort().get() == 0) {
			start();
		}
	}

	@Override
	@SuppressWarnings("deprecation")
	protected DnsSdRegistration getRegistration() {
		this.registration.bind(getPort().get());
		return this.registration;
	}

	/**
	 * Returns no management registration: the management port is not registered apart.
	 * Spring Cloud's contract allows {@code null} here though its signature does not say
	 * so.
	 * @return {@code null}
	 */
	@Override
	@SuppressWarnings("NullAway")
	protected @Nullable DnsSdRegistration getManagementRegistration() {
		return null;
	}

	@Override
	protected boolean shouldRegisterManagement() {
		return false;
	}

	@Override
	protected Object getConfiguration() {
		return this.properties;
	}

	@Override
	protected boolean isEnabled() {
		return this.properties.isEnabled();
	}

}
