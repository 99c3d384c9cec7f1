package io.dnssd.boot.cloudmap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dnssd.boot.testsupport.CloudMapServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.CustomHealthNotFoundException;
import software.amazon.awssdk.services.servicediscovery.model.CustomHealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.HealthStatusFilter;
import software.amazon.awssdk.services.servicediscovery.model.HttpInstanceSummary;
import software.amazon.awssdk.services.servicediscovery.model.Instance;
import software.amazon.awssdk.services.servicediscovery.model.InstanceNotFoundException;
import software.amazon.awssdk.services.servicediscovery.model.InvalidInputException;
import software.amazon.awssdk.services.servicediscovery.model.NamespaceNotFoundException;
import software.amazon.awssdk.services.servicediscovery.model.ServiceNotFoundException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Pins the behaviour of the Cloud Map test double that the starter relies on to what the
 * AWS Cloud Map API reference says (RegisterInstance, GetInstance, DiscoverInstances,
 * DiscoverInstancesRevision, UpdateInstanceCustomHealthStatus), through the real AWS SDK
 * client. Where the double and the reference differed, the double was fixed.
 */
class CloudMapApiContractIT {

	private static final String NAMESPACE = "contract.test";

	private CloudMapServer cloudMap;

	private ServiceDiscoveryClient client;

	@BeforeEach
	void start() throws Exception {
		this.cloudMap = CloudMapServer.start();
		this.cloudMap.createNamespace(NAMESPACE);
		this.client = ServiceDiscoveryClient.builder()
			.endpointOverride(this.cloudMap.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(AnonymousCredentialsProvider.create())
			.overrideConfiguration(
					(config) -> config.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
			.build();
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.cloudMap.close();
	}

	@Test
	void registerInstanceTakesValuesOfUpTo1024CharactersAndAtMost30CustomAttributes() {
		String service = this.cloudMap.createService(NAMESPACE, "calc", false);
		register(service, "long", Map.of("note", "x".repeat(1024)));
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> register(service, "longer", Map.of("note", "x".repeat(1025))));
		Map<String, String> many = new HashMap<>();
		for (int i = 0; i < 31; i++) {
			many.put("k" + i, "v");
		}
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> register(service, "many", many));
		assertThatExceptionOfType(InvalidInputException.class)
			.isThrownBy(() -> register(service, "no spaces", Map.of()));
	}

	@Test
	void discoverInstancesOfAnUnknownNamespaceOrServiceSaysWhich() {
		assertThatExceptionOfType(NamespaceNotFoundException.class)
			.isThrownBy(() -> discover("elsewhere.test", "calc", HealthStatusFilter.ALL, Map.of()));
		assertThatExceptionOfType(ServiceNotFoundException.class)
			.isThrownBy(() -> discover(NAMESPACE, "calc", HealthStatusFilter.ALL, Map.of()));
	}

	@Test
	void queryParametersSelectInstancesMatchingEveryPair() {
		String service = this.cloudMap.createService(NAMESPACE, "calc", false);
		register(service, "a", Map.of("stage", "prod", "zone", "a"));
		register(service, "b", Map.of("stage", "prod", "zone", "b"));
		register(service, "c", Map.of("stage", "dev", "zone", "a"));
		assertThat(discover(NAMESPACE, "calc", HealthStatusFilter.ALL, Map.of("stage", "prod", "zone", "a")))
			.extracting(HttpInstanceSummary::instanceId)
			.containsExactly("a");
	}

	@Test
	void withoutAHealthCheckTheHealthFilterIsIgnoredAndHealthIsUnknown() {
		String service = this.cloudMap.createService(NAMESPACE, "calc", false);
		register(service, "a", Map.of("AWS_INIT_HEALTH_STATUS", "UNHEALTHY"));
		assertThat(discover(NAMESPACE, "calc", HealthStatusFilter.HEALTHY, Map.of())).singleElement()
			.satisfies((instance) -> assertThat(instance.healthStatusAsString()).isEqualTo("UNKNOWN"));
		assertThatExceptionOfType(CustomHealthNotFoundException.class)
			.isThrownBy(() -> this.client.updateInstanceCustomHealthStatus(
					(request) -> request.serviceId(service).instanceId("a").status(CustomHealthStatus.HEALTHY)));
	}

	@Test
	void healthyOrElseAllReturnsTheHealthyInstancesUnlessThereAreNone() {
		String service = this.cloudMap.createService(NAMESPACE, "calc", true);
		register(service, "a", Map.of("AWS_INIT_HEALTH_STATUS", "UNHEALTHY"));
		register(service, "b", Map.of("AWS_INIT_HEALTH_STATUS", "UNHEALTHY"));
		assertThat(discover(NAMESPACE, "calc", HealthStatusFilter.HEALTHY_OR_ELSE_ALL, Map.of()))
			.extracting(HttpInstanceSummary::instanceId)
			.containsExactlyInAnyOrder("a", "b");
		assertThat(discover(NAMESPACE, "calc", HealthStatusFilter.HEALTHY, Map.of())).isEmpty();
		this.client.updateInstanceCustomHealthStatus(
				(request) -> request.serviceId(service).instanceId("b").status(CustomHealthStatus.HEALTHY));
		assertThat(discover(NAMESPACE, "calc", HealthStatusFilter.HEALTHY_OR_ELSE_ALL, Map.of()))
			.extracting(HttpInstanceSummary::instanceId)
			.containsExactly("b");
		assertThat(discover(NAMESPACE, "calc", HealthStatusFilter.UNHEALTHY, Map.of()))
			.extracting(HttpInstanceSummary::instanceId)
			.containsExactly("a");
	}

	@Test
	void theRevisionChangesWithRegistrationsButNotWithHealth() {
		String service = this.cloudMap.createService(NAMESPACE, "calc", true);
		long first = revision();
		register(service, "a", Map.of());
		long registered = revision();
		assertThat(registered).isGreaterThan(first);
		this.client.updateInstanceCustomHealthStatus(
				(request) -> request.serviceId(service).instanceId("a").status(CustomHealthStatus.UNHEALTHY));
		assertThat(revision()).isEqualTo(registered);
		this.client.deregisterInstance((request) -> request.serviceId(service).instanceId("a"));
		assertThat(revision()).isGreaterThan(registered);
	}

	@Test
	void getInstanceAnswersTheRegisteredAttributesOrInstanceNotFound() {
		String service = this.cloudMap.createService(NAMESPACE, "calc", false);
		register(service, "calc-1", Map.of("version", "1.0.0"));
		Instance instance = this.client.getInstance((request) -> request.serviceId(service).instanceId("calc-1"))
			.instance();
		assertThat(instance.id()).isEqualTo("calc-1");
		assertThat(instance.attributes()).containsEntry("version", "1.0.0").containsEntry("AWS_INSTANCE_PORT", "8080");
		assertThatExceptionOfType(InstanceNotFoundException.class)
			.isThrownBy(() -> this.client.getInstance((request) -> request.serviceId(service).instanceId("calc-2")));
		assertThatExceptionOfType(ServiceNotFoundException.class)
			.isThrownBy(() -> this.client.getInstance((request) -> request.serviceId("srv-none").instanceId("calc-1")));
	}

	@Test
	void maxResultsIsBetween1And1000() {
		this.cloudMap.createService(NAMESPACE, "calc", false);
		assertThatExceptionOfType(InvalidInputException.class).isThrownBy(() -> this.client
			.discoverInstances((request) -> request.namespaceName(NAMESPACE).serviceName("calc").maxResults(1001)));
	}

	private void register(String serviceId, String instanceId, Map<String, String> custom) {
		Map<String, String> attributes = new HashMap<>(custom);
		attributes.put("AWS_INSTANCE_IPV4", "127.0.0.1");
		attributes.put("AWS_INSTANCE_PORT", "8080");
		this.client
			.registerInstance((request) -> request.serviceId(serviceId).instanceId(instanceId).attributes(attributes));
	}

	private List<HttpInstanceSummary> discover(String namespace, String service, HealthStatusFilter health,
			Map<String, String> query) {
		return this.client
			.discoverInstances((request) -> request.namespaceName(namespace)
				.serviceName(service)
				.healthStatus(health)
				.queryParameters(query))
			.instances();
	}

	private long revision() {
		return this.client.discoverInstancesRevision((request) -> request.namespaceName(NAMESPACE).serviceName("calc"))
			.instancesRevision();
	}

}
