/**
 * Spring Cloud LoadBalancer integration that honours SRV priority and weight (RFC 2782).
 */
@NullMarked
package io.dnssd.boot.loadbalancer;

import org.jspecify.annotations.NullMarked;
