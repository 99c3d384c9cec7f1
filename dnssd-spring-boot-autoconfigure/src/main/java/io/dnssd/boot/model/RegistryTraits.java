package io.dnssd.boot.model;

import java.net.InetAddress;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What sets one registry apart from the others, beside the operations every
 * {@link Registrar} has; read once, at startup.
 *
 * @param drain how long clients may keep using an instance after it deregistered, and so
 * how long the application keeps serving then; {@code null} for the records' TTL, the
 * time caches may hold them
 * @param localAddress the address clients reach this application at when the registry
 * knows it better than a scan of the network interfaces (with multicast DNS, the address
 * of the interface it answers on); {@code null} to let the scan choose
 * @param attributeLimits the registry's limits on attributes
 * @param registersInBackground whether registering takes long enough (multicast DNS
 * probes for its name for about a second; Cloud Map's operations take seconds, and its
 * SDK's first calls load much) that the application's startup must not wait for it: the
 * registration then runs on the scheduler, unless fail-fast asks for its outcome at
 * startup
 */
public record RegistryTraits(@Nullable Duration drain, @Nullable InetAddress localAddress,
		AttributeLimits attributeLimits, boolean registersInBackground) {

	/**
	 * Drained for the TTL, address from the network scan, no attribute limits, registered
	 * on the caller's thread.
	 */
	public static final RegistryTraits DEFAULT = new RegistryTraits(null, null, AttributeLimits.NONE, false);

	/**
	 * Returns how long clients may keep using an instance after it deregistered.
	 * @param ttl time to live of the registered records
	 * @return the drain time
	 */
	public Duration drainAfter(Duration ttl) {
		return (this.drain != null) ? this.drain : ttl;
	}

}
