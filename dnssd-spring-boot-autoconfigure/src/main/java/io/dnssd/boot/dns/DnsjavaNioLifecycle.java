package io.dnssd.boot.dns;

import org.xbill.DNS.NioClient;

import org.springframework.beans.factory.DisposableBean;

/**
 * Keeps dnsjava's NIO selector open until this application is done with DNS. By default
 * dnsjava closes it from its own JVM shutdown hook, which runs at the same time as
 * Spring's: the deregistration sent while the application shuts down would then fail with
 * "Shutdown in progress". This turns dnsjava's hook off (unless {@value #PROPERTY} is set
 * explicitly) and closes the selector when the context is destroyed, after
 * deregistration.
 */
final class DnsjavaNioLifecycle implements DisposableBean {

	static final String PROPERTY = "dnsjava.nio.register_shutdown_hook";

	DnsjavaNioLifecycle() {
		if (System.getProperty(PROPERTY) == null) {
			System.setProperty(PROPERTY, "false");
		}
	}

	@Override
	public void destroy() {
		NioClient.close();
	}

}
