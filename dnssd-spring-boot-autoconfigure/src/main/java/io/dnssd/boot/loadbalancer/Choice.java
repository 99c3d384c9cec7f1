package io.dnssd.boot.loadbalancer;

/**
 * How an instance is chosen among the SRV priority group that serves.
 */
public enum Choice {

	/**
	 * At random, in proportion to SRV weight (RFC 2782).
	 */
	WEIGHTED_RANDOM,

	/**
	 * The less loaded of two instances drawn in proportion to SRV weight, by calls in
	 * flight per unit of weight (power of two choices).
	 */
	LEAST_REQUEST,

	/**
	 * In turn: over a round each instance is chosen as often as its SRV weight, its turns
	 * spread among the others'.
	 */
	ROUND_ROBIN

}
