/**
 * JMH benchmarks of the discovery hot path (cached lookups, load-balancer choices)
 * against Spring Cloud's {@code SimpleDiscoveryClient} and round robin.
 */
package io.dnssd.boot.discovery;
