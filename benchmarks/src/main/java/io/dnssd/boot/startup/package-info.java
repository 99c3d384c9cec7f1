/**
 * Startup cost of the starter: a sample application started with it and without it.
 */
package io.dnssd.boot.startup;
