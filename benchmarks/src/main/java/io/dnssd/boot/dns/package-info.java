/**
 * Benchmarks of unicast DNS lookups against a local BIND, in the package of the classes
 * they measure.
 */
package io.dnssd.boot.dns;
