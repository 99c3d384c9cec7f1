package io.dnssd.boot.loadbalancer;

import java.time.Duration;

/**
 * Hears what outlier ejection does, e.g. to keep metrics. Beans of this type are told of
 * every ejection and every return.
 */
public interface OutlierEjectionListener {

	/**
	 * An instance was left out of the choice.
	 * @param serviceId the service
	 * @param instance where calls to the instance go, {@code host:port}
	 * @param time how long it stays out
	 */
	void ejected(String serviceId, String instance, Duration time);

	/**
	 * An ejected instance is back in the choice, or gone from the service.
	 * @param serviceId the service
	 * @param instance where calls to the instance go, {@code host:port}
	 */
	void returned(String serviceId, String instance);

}
