package io.dnssd.boot.cloudmap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import io.dnssd.boot.model.Attribute;
import io.dnssd.boot.model.Instance;
import io.dnssd.boot.model.InstanceSource;
import io.dnssd.boot.model.LookupFailedException;
import io.dnssd.boot.registration.DnsSdServiceRegistry;
import io.dnssd.boot.registration.RegistrationState;
import io.dnssd.boot.testsupport.CloudMapServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Registration and discovery through the real AWS SDK client against a stateful local
 * test double of the Cloud Map API.
 */
@ExtendWith(OutputCaptureExtension.class)
class CloudMapIT {

	private static final String NAMESPACE = "apps.test";

	private CloudMapServer cloudMap;

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@BeforeAll
	static void credentials() {
		System.setProperty("aws.accessKeyId", "AKIDTEST");
		System.setProperty("aws.secretAccessKey", "test-secret-key-never-logged");
		System.setProperty("aws.disableEc2Metadata", "true");
	}

	@AfterAll
	static void clearCredentials() {
		System.clearProperty("aws.accessKeyId");
		System.clearProperty("aws.secretAccessKey");
		System.clearProperty("aws.disableEc2Metadata");
	}

	@BeforeEach
	void startCloudMap() throws Exception {
		this.cloudMap = CloudMapServer.start();
	}

	@AfterEach
	void stop() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		this.cloudMap.close();
	}

	@Test
	void registersWithAttributesAndCustomHealthAndIsDiscovered() {
		this.cloudMap.createNamespace(NAMESPACE);
		this.cloudMap.createService(NAMESPACE, "calc", true);
		start("calc", 8080, "dnssd.registration.version=1.0.0", "dnssd.registration.stage=prod");
		Map<String, String> attributes = this.cloudMap.instances(NAMESPACE, "calc").get("calc-127-0-0-1-8080");
		assertThat(attributes).containsEntry("AWS_INSTANCE_IPV4", "127.0.0.1")
			.containsEntry("AWS_INSTANCE_PORT", "8080")
			.containsEntry("AWS_INIT_HEALTH_STATUS", "UNHEALTHY")
			.containsEntry("version", "1.0.0")
			.containsEntry("stage", "prod");
		assertThat(this.cloudMap.health(NAMESPACE, "calc", "calc-127-0-0-1-8080")).isEqualTo("HEALTHY");

		List<ServiceInstance> instances = client().getBean(DiscoveryClient.class).getInstances("calc");
		assertThat(instances).singleElement().satisfies((instance) -> {
			assertThat(instance.getUri()).hasToString("http://127.0.0.1:8080");
			assertThat(instance.getMetadata()).containsEntry("version", "1.0.0").doesNotContainKey("AWS_INSTANCE_PORT");
		});
	}

	@Test
	void filtersAreSentAsQueryParameters() {
		this.cloudMap.createNamespace(NAMESPACE);
		this.cloudMap.createService(NAMESPACE, "calc", true);
		start("calc", 8081, "dnssd.registration.stage=prod");
		start("calc", 8082, "dnssd.registration.stage=dev");
		assertThat(client().getBean(DiscoveryClient.class).getInstances("calc")).hasSize(2);
		DiscoveryClient filtered = client("dnssd.discovery.services.calc.filters.stage=dev")
			.getBean(DiscoveryClient.class);
		assertThat(filtered.getInstances("calc")).extracting(ServiceInstance::getPort).containsExactly(8082);
		assertThat(this.cloudMap.lastRequest("DiscoverInstances").path("QueryParameters").path("stage").asText())
			.isEqualTo("dev");
		assertThat(this.cloudMap.lastRequest("DiscoverInstances").path("HealthStatus").asText())
			.isEqualTo("HEALTHY_OR_ELSE_ALL");
	}

	@Test
	void registeringAgainUpdatesTheInstanceRatherThanAddingOne() {
		this.cloudMap.createNamespace(NAMESPACE);
		this.cloudMap.createService(NAMESPACE, "calc", false);
		start("calc", 8080, "dnssd.registration.version=1").close();
		start("calc", 8080, "dnssd.registration.version=2");
		assertThat(this.cloudMap.instances(NAMESPACE, "calc")).hasSize(1)
			.extractingByKey("calc-127-0-0-1-8080")
			.satisfies((attributes) -> assertThat(attributes).containsEntry("version", "2"));
	}

	@Test
	void waitsForPendingOperations() {
		this.cloudMap.createNamespace(NAMESPACE);
		this.cloudMap.createService(NAMESPACE, "calc", false);
		this.cloudMap.pendingPolls(3);
		ConfigurableApplicationContext app = start("calc", 8080);
		assertThat(app.getBean(DnsSdServiceRegistry.class).state()).isEqualTo(RegistrationState.REGISTERED);
		assertThat(this.cloudMap.calls("GetOperation")).isGreaterThanOrEqualTo(4);
	}

	@Test
	void healthDownMarksTheInstanceUnhealthyAndUpHealthyAgain() {
		this.cloudMap.createNamespace(NAMESPACE);
		this.cloudMap.createService(NAMESPACE, "calc", true);
		ConfigurableApplicationContext app = start("calc", 8080, "dnssd.registration.health.interval=100ms");
		start("calc", 8081);
		AtomicReference<Health> health = app.getBean(CloudMapApplication.class).health;

		health.set(Health.down().build());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "UNHEALTHY".equals(this.cloudMap.health(NAMESPACE, "calc", "calc-127-0-0-1-8080")));
		assertThat(this.cloudMap.instances(NAMESPACE, "calc")).hasSize(2);
		assertThat(client().getBean(DiscoveryClient.class).getInstances("calc")).extracting(ServiceInstance::getPort)
			.containsExactly(8081);
		assertThat(client("dnssd.cloud-map.health-status=all").getBean(DiscoveryClient.class).getInstances("calc"))
			.hasSize(2);

		health.set(Health.up().build());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "HEALTHY".equals(this.cloudMap.health(NAMESPACE, "calc", "calc-127-0-0-1-8080")));
	}

	@Test
	void withoutACustomHealthCheckHealthWithdrawsByDeregisteringAfterOneWarning(CapturedOutput output) {
		this.cloudMap.createNamespace(NAMESPACE);
		this.cloudMap.createService(NAMESPACE, "calc", true);
		this.cloudMap.refuseCustomHealth();
		ConfigurableApplicationContext app = start("calc", 8080, "dnssd.registration.health.interval=100ms");
		assertThat(this.cloudMap.instances(NAMESPACE, "calc")).hasSize(1);
		app.getBean(CloudMapApplication.class).health.set(Health.down().build());
		await().atMost(Duration.ofSeconds(10)).until(() -> this.cloudMap.instances(NAMESPACE, "calc").isEmpty());
		assertThat(this.cloudMap.calls("UpdateInstanceCustomHealthStatus")).isOne();
		assertThat(output.getOut().split("has no custom health check", -1)).hasSize(2);
		assertThat(output).doesNotContain("test-secret-key-never-logged");
	}

	@Test
	void anAttributeOnlyCloudMapCanHoldOrAMalformedKeyIsSkippedAloneWithOneWarning(CapturedOutput output) {
		this.cloudMap.createNamespace(NAMESPACE);
		String serviceId = this.cloudMap.createService(NAMESPACE, "calc", false);
		ConfigurableApplicationContext client = client();
		ServiceDiscoveryClient sdk = client.getBean(ServiceDiscoveryClient.class);
		sdk.registerInstance((request) -> request.serviceId(serviceId)
			.instanceId("long")
			.attributes(
					Map.of("AWS_INSTANCE_IPV4", "127.0.0.1", "AWS_INSTANCE_PORT", "8081", "note", "x".repeat(1000))));
		sdk.registerInstance((request) -> request.serviceId(serviceId)
			.instanceId("odd")
			.attributes(Map.of("AWS_INSTANCE_IPV4", "127.0.0.1", "AWS_INSTANCE_PORT", "8082", "a=b", "c", "ok", "1")));
		InstanceSource source = client.getBean(InstanceSource.class);
		List<Instance> instances = source.resolve("calc").instances();
		source.resolve("calc");
		assertThat(instances).extracting(Instance::id).containsExactlyInAnyOrder("long", "odd");
		Map<String, Instance> byId = instances.stream().collect(Collectors.toMap(Instance::id, (i) -> i));
		assertThat(byId.get("long").attributes().get("note").orElseThrow().value()).hasSize(1000);
		assertThat(byId.get("odd").attributes().all()).extracting(Attribute::key).containsExactly("ok");
		assertThat(output.getOut().split("'a=b' skipped", -1)).hasSize(2);
	}

	@Test
	void registersIntoTheServiceOfItsOwnNamespaceWhenListServicesIgnoresTheFilter() {
		this.cloudMap.createNamespace("other.test");
		this.cloudMap.createService("other.test", "calc", false);
		this.cloudMap.createNamespace(NAMESPACE);
		this.cloudMap.createService(NAMESPACE, "calc", false);
		this.cloudMap.ignoreListServicesFilters();
		start("calc", 8080);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.cloudMap.instances(NAMESPACE, "calc"))
				.containsOnlyKeys("calc-127-0-0-1-8080"));
		assertThat(this.cloudMap.instances("other.test", "calc")).isEmpty();
	}

	@Test
	void theProbeFailsWhenCloudMapCannotBeReached() {
		this.cloudMap.createNamespace(NAMESPACE);
		this.cloudMap.createService(NAMESPACE, "calc", false);
		DiscoveryClient discovery = client().getBean(DiscoveryClient.class);
		discovery.probe();
		this.cloudMap.close();
		assertThatExceptionOfType(LookupFailedException.class).isThrownBy(discovery::probe)
			.withMessageContaining(NAMESPACE);
	}

	@Test
	void registersWithinASecondOfCloudMapsReturnAfterALongOutage() throws Exception {
		this.cloudMap.createNamespace(NAMESPACE);
		this.cloudMap.createService(NAMESPACE, "calc", false);
		this.cloudMap.unavailable(true);
		ConfigurableApplicationContext app = start("calc", 8080);
		// failures at about 0, 1, 3, 7 and 15 s: the next retry is due some 16 s later
		Thread.sleep(17_000);
		assertThat(app.getBean(DnsSdServiceRegistry.class).state()).isEqualTo(RegistrationState.RETRYING);
		this.cloudMap.unavailable(false);
		long back = System.nanoTime();
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.cloudMap.instances(NAMESPACE, "calc").containsKey("calc-127-0-0-1-8080"));
		Duration registered = Duration.ofNanos(System.nanoTime() - back);
		System.out.println("Registered " + registered.toMillis() + " ms after Cloud Map returned");
		assertThat(registered).isLessThan(Duration.ofMillis(2500));
	}

	@Test
	void anInstanceDeregisteredBySomeoneElseRegistersAgainWithinTheRefreshAndIsReportedHealthy(CapturedOutput output) {
		this.cloudMap.createNamespace(NAMESPACE);
		this.cloudMap.createService(NAMESPACE, "calc", true);
		start("calc", 8080, "dnssd.registration.refresh=1s", "dnssd.registration.version=1.0.0");
		await().atMost(Duration.ofSeconds(3)).until(() -> this.cloudMap.calls("GetInstance") >= 2);
		assertThat(this.cloudMap.calls("RegisterInstance")).as("an instance that is there is not written again")
			.isOne();
		assertThat(this.cloudMap.removeInstance(NAMESPACE, "calc", "calc-127-0-0-1-8080")).isTrue();
		await().atMost(Duration.ofSeconds(3))
			.until(() -> "HEALTHY".equals(this.cloudMap.health(NAMESPACE, "calc", "calc-127-0-0-1-8080")));
		assertThat(this.cloudMap.instances(NAMESPACE, "calc").get("calc-127-0-0-1-8080")).containsEntry("version",
				"1.0.0");
		assertThat(this.cloudMap.calls("RegisterInstance")).isEqualTo(2);
		// the line is logged once the call that wrote the instance has returned
		await().atMost(Duration.ofSeconds(3))
			.until(() -> output.getOut()
				.contains("Registered 'calc-127-0-0-1-8080' of calc (127.0.0.1:8080) again in"));
	}

	@Test
	void throttlingIsRetriedWithBackoff() {
		this.cloudMap.createNamespace(NAMESPACE);
		this.cloudMap.createService(NAMESPACE, "calc", false);
		start("calc", 8080);
		DiscoveryClient discovery = client().getBean(DiscoveryClient.class);
		int before = this.cloudMap.calls("DiscoverInstances");
		this.cloudMap.throttleNext(2);
		assertThat(discovery.getInstances("calc")).hasSize(1);
		assertThat(this.cloudMap.calls("DiscoverInstances") - before).isEqualTo(3);
		int listed = this.cloudMap.calls("ListNamespaces") + this.cloudMap.calls("ListServices");
		this.cloudMap.throttleNext(1, "RequestLimitExceeded");
		assertThat(discovery.getServices()).containsExactly("calc");
		assertThat(this.cloudMap.calls("ListNamespaces") + this.cloudMap.calls("ListServices") - listed).isEqualTo(3);
	}

	@Test
	void createIfMissingCreatesAPrivateDnsNamespaceWithASrvService() {
		start("calc", 8080, "dnssd.cloud-map.create-if-missing=true", "dnssd.cloud-map.namespace-type=dns-private",
				"dnssd.cloud-map.vpc=vpc-0123", "dnssd.ttl=15s");
		assertThat(this.cloudMap.describe(NAMESPACE, "calc")).startsWith("DNS_PRIVATE")
			.contains("MULTIVALUE")
			.contains("{Type=A, TTL=15}")
			.contains("{Type=SRV, TTL=15}");
		assertThat(this.cloudMap.instances(NAMESPACE, "calc")).hasSize(1);
	}

	@Test
	void anUnchangedRevisionSkipsTheFetchUntilTheFullRefresh() {
		this.cloudMap.createNamespace(NAMESPACE);
		this.cloudMap.createService(NAMESPACE, "calc", false);
		start("calc", 8080);
		DiscoveryClient discovery = client("dnssd.cloud-map.poll-interval=1s", "dnssd.discovery.min-ttl=200ms")
			.getBean(DiscoveryClient.class);
		assertThat(discovery.getInstances("calc")).hasSize(1);
		int fetches = this.cloudMap.calls("DiscoverInstances");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.cloudMap.calls("DiscoverInstancesRevision") >= 2);
		assertThat(this.cloudMap.calls("DiscoverInstances")).isEqualTo(fetches);

		start("calc", 8081);
		await().atMost(Duration.ofSeconds(10)).until(() -> discovery.getInstances("calc").size() == 2);
		assertThat(this.cloudMap.calls("DiscoverInstances")).isGreaterThan(fetches);
	}

	@Test
	void deregistersOnShutdown() {
		this.cloudMap.createNamespace(NAMESPACE);
		this.cloudMap.createService(NAMESPACE, "calc", true);
		ConfigurableApplicationContext app = start("calc", 8080);
		assertThat(this.cloudMap.instances(NAMESPACE, "calc")).hasSize(1);
		app.close();
		assertThat(this.cloudMap.instances(NAMESPACE, "calc")).isEmpty();
	}

	@Test
	void aMissingNamespaceIsReportedClearly() {
		ConfigurableApplicationContext app = start("calc", 8080);
		DnsSdServiceRegistry registry = app.getBean(DnsSdServiceRegistry.class);
		assertThat(registry.state()).isEqualTo(RegistrationState.RETRYING);
		assertThat(registry.lastError()).contains("namespace 'apps.test' does not exist")
			.contains("dnssd.cloud-map.create-if-missing");
	}

	@Test
	void createIfMissingCreatesTheNamespaceAndTheService() {
		this.cloudMap.pendingPolls(1);
		start("calc", 8080, "dnssd.cloud-map.create-if-missing=true");
		assertThat(this.cloudMap.namespaceNames()).containsExactly(NAMESPACE);
		assertThat(this.cloudMap.instances(NAMESPACE, "calc")).containsOnlyKeys("calc-127-0-0-1-8080");
		assertThat(this.cloudMap.health(NAMESPACE, "calc", "calc-127-0-0-1-8080")).isEqualTo("HEALTHY");
	}

	private ConfigurableApplicationContext client(String... properties) {
		List<String> all = new ArrayList<>(List.of("dnssd.registration.enabled=false"));
		all.addAll(List.of(properties));
		return start(null, 0, all.toArray(String[]::new));
	}

	private ConfigurableApplicationContext start(String name, int port, String... properties) {
		List<String> all = new ArrayList<>(
				List.of("dnssd.backend=cloud-map", "dnssd.domain=" + NAMESPACE, "dnssd.cloud-map.region=us-east-1",
						"dnssd.cloud-map.endpoint=" + this.cloudMap.endpoint(), "dnssd.cloud-map.operation-timeout=10s",
						"dnssd.registration.address=127.0.0.1", "dnssd.registration.drain=0s"));
		if (name != null) {
			all.add("spring.application.name=" + name);
			all.add("dnssd.registration.port=" + port);
		}
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(CloudMapApplication.class)
			.web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
		this.contexts.add(context);
		if (name != null) {
			// Cloud Map registers on the starter's scheduler, after the start returned
			DnsSdServiceRegistry registry = context.getBean(DnsSdServiceRegistry.class);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> registry.state() == RegistrationState.REGISTERED
						|| registry.state() == RegistrationState.RETRYING);
		}
		return context;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class CloudMapApplication {

		final AtomicReference<Health> health = new AtomicReference<>(Health.up().build());

		@Bean
		HealthIndicator switchableHealthIndicator() {
			return this.health::get;
		}

	}

}
