package io.dnssd.boot.loadbalancer;

import org.springframework.cloud.client.ServiceInstance;

/**
 * Where calls to an instance go: what outlier ejection tracks, so that an instance seen
 * again under another list keeps its state.
 *
 * @param host the host name or address
 * @param port the port
 */
record Endpoint(String host, int port) {

	/**
	 * Returns the endpoint of an instance.
	 * @param instance the instance
	 * @return its endpoint
	 */
	static Endpoint of(ServiceInstance instance) {
		return new Endpoint(instance.getHost(), instance.getPort());
	}

	@Override
	public String toString() {
		boolean bare = this.host.indexOf(':') >= 0 && !this.host.startsWith("[");
		return bare ? "[" + this.host + "]:" + this.port : this.host + ":" + this.port;
	}

}
