package io.dnssd.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@value #PROPERTY} selects the given backend, or is not set and the given
 * backend is the default.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@Conditional(OnDnsSdBackendCondition.class)
public @interface ConditionalOnDnsSdBackend {

	/**
	 * Property that selects the backend.
	 */
	String PROPERTY = "dnssd.backend";

	/**
	 * Backend that must be selected.
	 * @return the backend
	 */
	DnsSdProperties.Backend value();

}
