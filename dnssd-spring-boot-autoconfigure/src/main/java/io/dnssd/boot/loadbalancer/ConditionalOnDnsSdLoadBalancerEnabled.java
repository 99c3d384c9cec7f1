package io.dnssd.boot.loadbalancer;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Matches unless {@value #PROPERTY} is {@code false}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@ConditionalOnProperty(name = ConditionalOnDnsSdLoadBalancerEnabled.PROPERTY, matchIfMissing = true)
public @interface ConditionalOnDnsSdLoadBalancerEnabled {

	/**
	 * Property that switches the load balancer integration on and off.
	 */
	String PROPERTY = "dnssd.loadbalancer.enabled";

}
