package io.dnssd.boot.dns;

import org.jspecify.annotations.Nullable;

/**
 * What to ask DNS for one service.
 *
 * @param mode how the service is looked up
 * @param name name to query: the PTR name for DNS-SD, the templated name otherwise
 * @param absolute whether the name is fully qualified; relative names go through the
 * search domains
 * @param port port of the instances of an address lookup, {@code null} for the others
 */
record ServiceQuery(LookupMode mode, String name, boolean absolute, @Nullable Integer port) {
}
