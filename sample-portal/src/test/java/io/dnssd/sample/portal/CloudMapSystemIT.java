package io.dnssd.sample.portal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.dnssd.boot.testsupport.AppProcesses;
import io.dnssd.boot.testsupport.CloudMapServer;
import io.dnssd.boot.testsupport.HttpProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample-calc and sample-portal, each in its own JVM, on the Cloud Map
 * backend against a local test double of the Cloud Map API: calc registers, the portal
 * finds and calls it by name, and after SIGTERM calc is gone from Cloud Map before its
 * process exits.
 */
class CloudMapSystemIT {

	private static final String NAMESPACE = "apps.test";

	@TempDir
	Path directory;

	private CloudMapServer cloudMap;

	private AppProcesses processes;

	private final HttpProbe http = new HttpProbe();

	@AfterEach
	void stop() throws Exception {
		if (this.processes != null) {
			this.processes.close();
		}
		if (this.cloudMap != null) {
			this.cloudMap.close();
		}
	}

	@Test
	void calcRegistersThePortalCallsItByNameAndItIsGoneAfterSigterm() throws Exception {
		this.cloudMap = CloudMapServer.start();
		this.cloudMap.createNamespace(NAMESPACE);
		this.cloudMap.createService(NAMESPACE, "calc", true);
		this.cloudMap.createService(NAMESPACE, "portal", true);
		this.processes = new AppProcesses(this.directory);
		Process calc = launch(System.getProperty("calc.jar"), "calc", 0);
		int portalPort = AppProcesses.freePort();
		launch(System.getProperty("portal.jar"), "portal", portalPort);

		await().atMost(Duration.ofSeconds(60))
			.failFast("calc exited", () -> !calc.isAlive())
			.until(() -> this.cloudMap.instances(NAMESPACE, "calc").size() == 1);
		Map<String, String> attributes = this.cloudMap.instances(NAMESPACE, "calc").values().iterator().next();
		String calcPort = attributes.get("AWS_INSTANCE_PORT");
		assertThat(attributes).containsEntry("AWS_INSTANCE_IPV4", "127.0.0.1").containsEntry("stage", "demo");

		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.http.get("http://127.0.0.1:" + portalPort + "/api/calc?expression=2%2B3"),
					(body) -> body != null && body.contains("\"result\":\"5\"")
							&& body.contains("\"instance\":\"127.0.0.1:" + calcPort + "\""));

		calc.destroy();
		boolean goneWhileRunning = false;
		while (calc.isAlive()) {
			goneWhileRunning |= this.cloudMap.instances(NAMESPACE, "calc").isEmpty() && calc.isAlive();
			Thread.sleep(50);
		}
		assertThat(goneWhileRunning).as("deregistered before the process exited").isTrue();
		assertThat(this.cloudMap.instances(NAMESPACE, "calc")).isEmpty();
	}

	private Process launch(String jar, String name, int port) throws IOException {
		return this.processes.start(name,
				List.of("-Daws.accessKeyId=AKIDTEST", "-Daws.secretAccessKey=test-only-secret",
						"-Daws.disableEc2Metadata=true"),
				jar, "--server.port=" + port, "--spring.profiles.active=cloud-map", "--dnssd.domain=" + NAMESPACE,
				"--dnssd.cloud-map.endpoint=" + this.cloudMap.endpoint(), "--dnssd.cloud-map.poll-interval=1s",
				"--dnssd.registration.drain=2s");
	}

}
