/**
 * DNS-SD records (RFC 6763) on dnsjava, shared by the unicast and the multicast DNS
 * backends: record names, record builders, TXT attribute encoding and its wire limits.
 */
@NullMarked
package io.dnssd.boot.dnssd;

import org.jspecify.annotations.NullMarked;
