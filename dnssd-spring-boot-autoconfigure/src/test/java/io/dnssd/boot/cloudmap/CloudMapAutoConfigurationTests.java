package io.dnssd.boot.cloudmap;

import java.util.ArrayList;
import java.util.List;

import io.dnssd.boot.DnsSdSchedulerAutoConfiguration;
import io.dnssd.boot.dns.DnsAutoConfiguration;
import io.dnssd.boot.dns.DnsInstanceSourceFactory;
import io.dnssd.boot.model.InstanceSource;
import io.dnssd.boot.model.Registrar;
import io.dnssd.boot.registration.RegistrationAutoConfiguration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClientBuilder;
import software.amazon.awssdk.utils.AttributeMap;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

class CloudMapAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DnsSdSchedulerAutoConfiguration.class, DnsAutoConfiguration.class,
				CloudMapAutoConfiguration.class, CloudMapDiscoveryAutoConfiguration.class,
				CloudMapDnsDiscoveryAutoConfiguration.class, CloudMapRegistrationAutoConfiguration.class,
				RegistrationAutoConfiguration.class))
		.withPropertyValues("dnssd.backend=cloud-map", "dnssd.domain=apps.test", "dnssd.cloud-map.region=eu-west-1",
				"spring.application.name=calc", "dnssd.registration.address=127.0.0.1")
		.withBean(CredentialsCustomizer.class);

	@Test
	void createsTheClientTheSourceAndTheRegistrar() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ServiceDiscoveryClient.class)
				.hasSingleBean(InstanceSource.class)
				.hasSingleBean(Registrar.class);
			assertThat(context.getBean(ServiceDiscoveryClient.class).serviceClientConfiguration().region())
				.isEqualTo(Region.EU_WEST_1);
			assertThat(context.getBean(InstanceSource.class).description())
				.isEqualTo("AWS Cloud Map namespace 'apps.test' (DiscoverInstances, HEALTHY_OR_ELSE_ALL)");
			assertThat(context.getBean(Registrar.class).description())
				.isEqualTo("AWS Cloud Map namespace 'apps.test' in eu-west-1");
		});
	}

	@Test
	void anEndpointOverridePointsTheClientAtIt() {
		this.runner.withPropertyValues("dnssd.cloud-map.endpoint=http://127.0.0.1:4566")
			.run((context) -> assertThat(
					context.getBean(ServiceDiscoveryClient.class).serviceClientConfiguration().endpointOverride())
				.hasValueSatisfying((endpoint) -> assertThat(endpoint).hasToString("http://127.0.0.1:4566")));
	}

	@Test
	void customizersAreAppliedInOrder() {
		List<String> applied = new ArrayList<>();
		this.runner.withBean("second", ServiceDiscoveryClientCustomizer.class, () -> new Second(applied))
			.withBean("first", ServiceDiscoveryClientCustomizer.class, () -> new First(applied))
			.run((context) -> {
				assertThat(context.getBean(ServiceDiscoveryClient.class)).isNotNull();
				assertThat(applied).containsExactly("first", "second");
			});
	}

	@Test
	void theClientIsNotBuiltWhileTheContextStartsButAtItsFirstUse() {
		RecordingHttpClientBuilder http = new RecordingHttpClientBuilder();
		this.runner
			.withBean("recording", ServiceDiscoveryClientCustomizer.class,
					() -> (builder) -> builder.httpClientBuilder(http))
			.run((context) -> {
				assertThat(context).hasSingleBean(Registrar.class).hasSingleBean(InstanceSource.class);
				assertThat(http.thread).isNull();
				context.getBean(InstanceSource.class).description();
				assertThat(http.thread).isNull();
				context.getBean(ServiceDiscoveryClient.class).serviceName();
				assertThat(http.thread).isSameAs(Thread.currentThread());
			});
	}

	@Test
	void backsOffForTheDnsBackend() {
		this.runner.withPropertyValues("dnssd.backend=dns")
			.run((context) -> assertThat(context).doesNotHaveBean(ServiceDiscoveryClient.class));
	}

	@Test
	void backsOffWithoutTheAwsSdk() {
		this.runner.withClassLoader(new FilteredClassLoader(ServiceDiscoveryClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(Registrar.class)
				.doesNotHaveBean(InstanceSource.class));
	}

	@Test
	void backsOffWhenTheUserDefinesTheClient() {
		ServiceDiscoveryClient own = ServiceDiscoveryClient.builder()
			.region(Region.US_EAST_1)
			.credentialsProvider(AnonymousCredentialsProvider.create())
			.build();
		this.runner.withBean(ServiceDiscoveryClient.class, () -> own)
			.run((context) -> assertThat(context.getBean(ServiceDiscoveryClient.class)).isSameAs(own));
	}

	@Test
	void dnsDiscoveryLooksUpTheNamespaceInDnsInsteadOfAskingTheApi() {
		this.runner.withPropertyValues("dnssd.cloud-map.discovery=dns", "dnssd.cloud-map.namespace=ns.test")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(CloudMapInstanceSource.class).hasSingleBean(InstanceSource.class);
				assertThat(context.getBean(InstanceSource.class).description()).startsWith("DNS in ns.test via");
			});
	}

	@Test
	void apiDiscoveryIsTheDefaultAndNeedsNoDnsLookups() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(CloudMapInstanceSource.class)
			.doesNotHaveBean(DnsInstanceSourceFactory.class));
	}

	@Test
	void anUnknownDiscoveryWayFailsNamingTheProperty() {
		this.runner.withPropertyValues("dnssd.cloud-map.discovery=carrier-pigeon")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("dnssd.cloud-map.discovery"));
	}

	@Test
	void aMissingNamespaceFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("dnssd.domain=")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("dnssd.cloud-map.namespace"));
	}

	@Test
	void anAttributeCloudMapCannotHoldFailsStartupNamingIt() {
		this.runner.withPropertyValues("dnssd.registration.metadata.AWS_INSTANCE_PORT=1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("dnssd.registration.metadata")
				.hasMessageContaining("'AWS_INSTANCE_PORT'"));
	}

	static class CredentialsCustomizer implements ServiceDiscoveryClientCustomizer {

		@Override
		public void customize(ServiceDiscoveryClientBuilder builder) {
			builder.credentialsProvider(AnonymousCredentialsProvider.create());
		}

	}

	/**
	 * Notes the thread the SDK builds its HTTP client on, which is the thread that builds
	 * the Cloud Map client; the client it gives makes no calls (none are made here).
	 */
	static final class RecordingHttpClientBuilder implements SdkHttpClient.Builder<RecordingHttpClientBuilder> {

		volatile Thread thread;

		@Override
		public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
			this.thread = Thread.currentThread();
			return new SdkHttpClient() {

				@Override
				public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
					throw new UnsupportedOperationException("No calls are made in this test");
				}

				@Override
				public void close() {
				}

			};
		}

	}

	@Order(1)
	record First(List<String> applied) implements ServiceDiscoveryClientCustomizer {

		@Override
		public void customize(ServiceDiscoveryClientBuilder builder) {
			this.applied.add("first");
		}

	}

	@Order(2)
	record Second(List<String> applied) implements ServiceDiscoveryClientCustomizer {

		@Override
		public void customize(ServiceDiscoveryClientBuilder builder) {
			this.applied.add("second");
		}

	}

}
