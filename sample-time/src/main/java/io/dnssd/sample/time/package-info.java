/**
 * Sample time service: formats the current time with a Go-style layout.
 */
@NullMarked
package io.dnssd.sample.time;

import org.jspecify.annotations.NullMarked;
