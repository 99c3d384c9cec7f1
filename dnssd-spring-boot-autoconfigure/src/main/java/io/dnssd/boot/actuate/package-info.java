/**
 * Micrometer metrics of discovery lookups.
 */
@NullMarked
package io.dnssd.boot.actuate;

import org.jspecify.annotations.NullMarked;
