package io.dnssd.boot.registration;

/**
 * Where this application's registration stands.
 */
public enum RegistrationState {

	/** Not registered yet: the port is not known or registration has not started. */
	NOT_REGISTERED,

	/** The registry holds this instance. */
	REGISTERED,

	/** The last attempt failed; another is scheduled. */
	RETRYING,

	/** Removed because health is DOWN or OUT_OF_SERVICE; restored when it is UP. */
	WITHDRAWN,

	/** Removed on shutdown. */
	DEREGISTERED

}
