/**
 * Sample calculator service: evaluates arithmetic expressions.
 */
@NullMarked
package io.dnssd.sample.calc;

import org.jspecify.annotations.NullMarked;
