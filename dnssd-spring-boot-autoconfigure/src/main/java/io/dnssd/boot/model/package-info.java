/**
 * Backend-neutral model of DNS-SD services and instances (RFC 6763), and the source
 * interface every backend implements.
 */
@NullMarked
package io.dnssd.boot.model;

import org.jspecify.annotations.NullMarked;
