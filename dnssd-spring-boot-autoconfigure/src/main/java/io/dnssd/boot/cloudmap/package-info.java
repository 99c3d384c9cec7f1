/**
 * AWS Cloud Map backend: the {@code ServiceDiscoveryClient}, registration with custom
 * health, and discovery through DiscoverInstances.
 */
@NullMarked
package io.dnssd.boot.cloudmap;

import org.jspecify.annotations.NullMarked;
