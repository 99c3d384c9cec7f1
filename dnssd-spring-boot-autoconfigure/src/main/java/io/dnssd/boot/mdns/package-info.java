/**
 * Multicast DNS backend (RFC 6762 with RFC 6763), the zero-setup default: each
 * application answers for its own records on the configured interfaces (loopback unless
 * told otherwise) and finds its peers by continuous querying, with no server at all.
 */
@NullMarked
package io.dnssd.boot.mdns;

import org.jspecify.annotations.NullMarked;
