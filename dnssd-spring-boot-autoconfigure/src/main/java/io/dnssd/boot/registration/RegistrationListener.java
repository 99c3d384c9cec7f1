package io.dnssd.boot.registration;

/**
 * Receives what the {@link DnsSdServiceRegistry} does, for metrics and the like. Called
 * on the registering thread; must not block.
 */
public interface RegistrationListener {

	/**
	 * Called when the state changes.
	 * @param state the new state
	 */
	default void stateChanged(RegistrationState state) {
	}

	/**
	 * Called after each successful registration.
	 */
	default void registered() {
	}

	/**
	 * Called after each withdrawal because of health.
	 */
	default void withdrawn() {
	}

	/**
	 * Called after each failed attempt to register or deregister.
	 * @param failure what failed
	 */
	default void failed(RuntimeException failure) {
	}

}
