/**
 * Auto-configuration of DNS-SD registration and discovery: shared properties and
 * conditions.
 */
@NullMarked
package io.dnssd.boot;

import org.jspecify.annotations.NullMarked;
