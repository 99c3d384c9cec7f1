package io.dnssd.boot.loadbalancer;

import java.time.Duration;

import io.dnssd.boot.PropertyChecks;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Passive outlier ejection of load-balanced clients: an instance whose calls fail
 * (connect failures, timeouts and, unless turned off, 5xx answers) that many times in a
 * row is left out of the choice for a while, as Envoy and gRPC do. Defaults are Envoy's.
 */
@ConfigurationProperties("dnssd.loadbalancer.outlier-ejection")
public class OutlierEjectionProperties implements InitializingBean {

	/**
	 * Whether instances whose calls fail are ejected from the choice for a while.
	 */
	private boolean enabled = true;

	/**
	 * Failed calls in a row that eject an instance.
	 */
	private int consecutiveFailures = 5;

	/**
	 * Whether an HTTP 5xx answer counts as a failed call; connect failures and timeouts
	 * always do.
	 */
	private boolean serverErrors = true;

	/**
	 * Ejection time of a first ejection; an instance ejected again soon after returning
	 * stays out that much longer each time, up to the maximum.
	 */
	private Duration baseEjectionTime = Duration.ofSeconds(30);

	/**
	 * Longest ejection.
	 */
	private Duration maxEjectionTime = Duration.ofSeconds(300);

	/**
	 * Share of a service's instances, in percent, that may be ejected at once; one can
	 * always be.
	 */
	private int maxEjectionPercent = 10;

	/**
	 * Time back in the choice after which an instance's next ejection is one base
	 * ejection time shorter.
	 */
	private Duration interval = Duration.ofSeconds(10);

	@Override
	public void afterPropertiesSet() {
		String prefix = "dnssd.loadbalancer.outlier-ejection.";
		PropertyChecks.atLeastOne(prefix + "consecutive-failures", this.consecutiveFailures);
		PropertyChecks.positive(prefix + "base-ejection-time", this.baseEjectionTime);
		PropertyChecks.positive(prefix + "max-ejection-time", this.maxEjectionTime);
		PropertyChecks.positive(prefix + "interval", this.interval);
		PropertyChecks.percent(prefix + "max-ejection-percent", this.maxEjectionPercent);
		if (this.maxEjectionTime.compareTo(this.baseEjectionTime) < 0) {
			throw new InvalidConfigurationPropertyValueException(prefix + "max-ejection-time", this.maxEjectionTime,
					"it must not be shorter than " + prefix + "base-ejection-time (" + this.baseEjectionTime + ")");
		}
	}

	/**
	 * Returns the settings as a value.
	 * @return the settings
	 */
	OutlierEjection toSettings() {
		return new OutlierEjection(this.consecutiveFailures, this.baseEjectionTime, this.maxEjectionTime,
				this.maxEjectionPercent, this.interval);
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getConsecutiveFailures() {
		return this.consecutiveFailures;
	}

	public void setConsecutiveFailures(int consecutiveFailures) {
		this.consecutiveFailures = consecutiveFailures;
	}

	public boolean isServerErrors() {
		return this.serverErrors;
	}

	public void setServerErrors(boolean serverErrors) {
		this.serverErrors = serverErrors;
	}

	public Duration getBaseEjectionTime() {
		return this.baseEjectionTime;
	}

	public void setBaseEjectionTime(Duration baseEjectionTime) {
		this.baseEjectionTime = baseEjectionTime;
	}

	public Duration getMaxEjectionTime() {
		return this.maxEjectionTime;
	}

	public void setMaxEjectionTime(Duration maxEjectionTime) {
		this.maxEjectionTime = maxEjectionTime;
	}

	public int getMaxEjectionPercent() {
		return this.maxEjectionPercent;
	}

	public void setMaxEjectionPercent(int maxEjectionPercent) {
		this.maxEjectionPercent = maxEjectionPercent;
	}

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		this.interval = interval;
	}

}
