/**
 * Unicast DNS backend: DNS-SD, SRV and address lookups with dnsjava.
 */
@NullMarked
package io.dnssd.boot.dns;

import org.jspecify.annotations.NullMarked;
