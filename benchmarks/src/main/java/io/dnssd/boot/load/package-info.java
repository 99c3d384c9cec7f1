/**
 * Load and fault harness: the samples as separate processes on loopback under a steady
 * request rate while instances restart or crash.
 */
package io.dnssd.boot.load;
