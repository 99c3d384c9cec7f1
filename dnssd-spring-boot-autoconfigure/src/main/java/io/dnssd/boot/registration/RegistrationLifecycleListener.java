package io.dnssd.boot.registration;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Starts registration of an application without a web server when it is ready, tells the
 * registry that the application is ready, and on shutdown deregisters <em>before</em> the
 * web server stops: {@link ContextClosedEvent} comes before Spring Boot's graceful
 * shutdown, so the application keeps serving for the drain period while clients' caches
 * let go of it, and only then does shutdown proceed.
 */
public class RegistrationLifecycleListener implements SmartApplicationListener {

	private static final Log logger = LogFactory.getLog(RegistrationLifecycleListener.class);

	private final ApplicationContext context;

	private final DnsSdAutoServiceRegistration autoRegistration;

	private final DnsSdServiceRegistry registry;

	private final Duration drain;

	/**
	 * Creates the listener.
	 * @param context the application's own context; events of child contexts are ignored
	 * @param autoRegistration the auto-registration to start and stop
	 * @param registry the registry to tell when the application is ready
	 * @param drain how long to keep serving after deregistering
	 */
	public RegistrationLifecycleListener(ApplicationContext context, DnsSdAutoServiceRegistration autoRegistration,
			DnsSdServiceRegistry registry, Duration drain) {
		this.context = context;
		this.autoRegistration = autoRegistration;
		this.registry = registry;
		this.drain = drain;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ApplicationReadyEvent.class.isAssignableFrom(eventType)
				|| ContextClosedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationReadyEvent ready && ready.getApplicationContext() == this.context) {
			this.autoRegistration.startWithoutWebServer();
			this.registry.markReady();
		}
		else if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == this.context
				&& this.autoRegistration.isRunning()) {
			this.autoRegistration.stop();
			if (this.registry.wasRegisteredWhenDeregistered()) {
				drain();
			}
			else {
				logger.info("Not draining: this instance was never registered, no client can be using it");
			}
		}
	}

	private void drain() {
		if (this.drain.isZero() || this.drain.isNegative()) {
			return;
		}
		logger.info("Serving for another " + this.drain.toMillis() + " ms (dnssd.registration.drain) so clients' "
				+ "caches let go of this instance");
		try {
			Thread.sleep(this.drain.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
