package io.dnssd.boot.cloudmap;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@value #PROPERTY} selects the given way of discovering Cloud Map
 * instances; the one place that switch is read.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
@Conditional(OnCloudMapDiscoveryCondition.class)
public @interface ConditionalOnCloudMapDiscovery {

	/**
	 * Property that selects how instances are discovered.
	 */
	String PROPERTY = "dnssd.cloud-map.discovery";

	/**
	 * The way that must be selected.
	 * @return the way
	 */
	CloudMapProperties.Discovery value();

}
