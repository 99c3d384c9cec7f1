/**
 * Spring Cloud discovery clients backed by a TTL-honouring cache of resolved instances.
 */
@NullMarked
package io.dnssd.boot.discovery;

import org.jspecify.annotations.NullMarked;
