/**
 * Sample portal: a web page over the discovered services and calls to them by name.
 */
@NullMarked
package io.dnssd.sample.portal;

import org.jspecify.annotations.NullMarked;
