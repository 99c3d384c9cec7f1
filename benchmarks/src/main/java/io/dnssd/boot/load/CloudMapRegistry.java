package io.dnssd.boot.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.dnssd.boot.testsupport.CloudMapServer;

/**
 * The starter on AWS Cloud Map: the real AWS SDK client in every process against the
 * stateful local double of the Cloud Map API (there is no AWS here), the samples'
 * {@code cloud-map} profile with a custom health check on calc, TTL and drain 5 s, and
 * discovery polling every 5 s (the default), as the DNS run's TTL.
 */
final class CloudMapRegistry implements Registry {

	private static final String NAMESPACE = "load.test";

	private final CloudMapServer server;

	private CloudMapRegistry(CloudMapServer server) {
		this.server = server;
	}

	static CloudMapRegistry start() throws Exception {
		CloudMapServer server = CloudMapServer.start();
		server.createNamespace(NAMESPACE);
		server.createService(NAMESPACE, "calc", true);
		server.createService(NAMESPACE, "portal", true);
		return new CloudMapRegistry(server);
	}

	@Override
	public String description() {
		return "dnssd-spring-boot on Cloud Map (API double, poll 5 s, drain 5 s)";
	}

	@Override
	public List<String> command(App app, List<String> arguments) {
		List<String> command = new ArrayList<>(List.of(LoadHarness.javaExecutable(), "-Xmx256m",
				"-Daws.accessKeyId=AKIDLOADTEST", "-Daws.secretAccessKey=load-test-secret",
				"-Daws.disableEc2Metadata=true", "-jar", app.jar(), "--spring.profiles.active=cloud-map",
				"--dnssd.domain=" + NAMESPACE, "--dnssd.cloud-map.endpoint=" + this.server.endpoint(),
				"--dnssd.cloud-map.region=us-east-1", "--dnssd.ttl=5s", "--dnssd.registration.address=127.0.0.1"));
		command.addAll(arguments);
		return command;
	}

	/**
	 * A process deregisters before it exits, so a healthy instance on the port is the new
	 * process's.
	 */
	@Override
	public boolean registered(int port, long startedAt) {
		for (Map.Entry<String, Map<String, String>> instance : this.server.instances(NAMESPACE, "calc").entrySet()) {
			if (String.valueOf(port).equals(instance.getValue().get("AWS_INSTANCE_PORT"))
					&& "HEALTHY".equals(this.server.health(NAMESPACE, "calc", instance.getKey()))) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void stop() {
		this.server.unavailable(true);
	}

	@Override
	public void restart() {
		this.server.unavailable(false);
	}

	/**
	 * Every calc instance deregistered at once, as by an operator or a script gone wrong.
	 */
	@Override
	public void restartEmptied() {
		this.server.instances(NAMESPACE, "calc")
			.keySet()
			.forEach((id) -> this.server.removeInstance(NAMESPACE, "calc", id));
	}

	@Override
	public void close() {
		this.server.close();
	}

}
