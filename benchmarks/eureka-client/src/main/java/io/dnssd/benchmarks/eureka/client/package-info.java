/**
 * What the Eureka versions of calc and portal need beside the Eureka client.
 */
@NullMarked
package io.dnssd.benchmarks.eureka.client;

import org.jspecify.annotations.NullMarked;
