/**
 * Benchmark of the multicast DNS backend against jmDNS, in the package of the classes it
 * measures.
 */
package io.dnssd.boot.mdns;
