/**
 * The Eureka server the load harness compares the starter with.
 */
@NullMarked
package io.dnssd.benchmarks.eureka;

import org.jspecify.annotations.NullMarked;
