/**
 * Self-registration on Spring Cloud Commons: the registration built from properties, the
 * {@code ServiceRegistry} that retries and withdraws, auto-registration once the web
 * server knows its port, deregistration before the web server stops, and health-driven
 * presence.
 */
@NullMarked
package io.dnssd.boot.registration;

import org.jspecify.annotations.NullMarked;
