package io.dnssd.boot.registration;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.dnssd.boot.actuate.RegistrationMetrics;
import io.dnssd.boot.dns.DnsQueryClientAccess;
import io.dnssd.boot.testsupport.NamedServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

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
import org.springframework.cloud.client.serviceregistry.endpoint.ServiceRegistryEndpoint;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * Self-registration by RFC 2136 dynamic update into a real BIND 9 with a TSIG key,
 * through the application's real lifecycle.
 */
@ExtendWith(OutputCaptureExtension.class)
class DnsRegistrationIT {

	private static final String ZONE = "reg.test";

	@TempDir
	Path directory;

	private NamedServer named;

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@AfterEach
	void stop() throws Exception {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		if (this.named != null) {
			this.named.close();
		}
	}

	@Test
	void recordsAppearOnStartAndGoOnShutdown() throws Exception {
		this.named = NamedServer.start(this.directory, ZONE, "");
		ConfigurableApplicationContext app = start(8080, "dnssd.registration.version=1.2.3",
				"dnssd.registration.stage=prod", "dnssd.registration.metadata.color=blue green");

		assertThat(ptrTargets("_calc._tcp")).containsExactly("calc-127-0-0-1-8080._calc._tcp." + ZONE + ".");
		SRVRecord srv = (SRVRecord) single("calc-127-0-0-1-8080._calc._tcp", Type.SRV);
		assertThat(srv.getPort()).isEqualTo(8080);
		assertThat(srv.getWeight()).isEqualTo(1);
		assertThat(srv.getTarget()).hasToString("calc-127-0-0-1-8080." + ZONE + ".");
		assertThat(srv.getTTL()).isEqualTo(30);
		assertThat(((TXTRecord) single("calc-127-0-0-1-8080._calc._tcp", Type.TXT)).getStrings())
			.containsExactly("version=1.2.3", "stage=prod", "color=blue green");
		assertThat(((ARecord) single("calc-127-0-0-1-8080", Type.A)).getAddress().getHostAddress())
			.isEqualTo("127.0.0.1");
		assertThat(ptrTargets("_services._dns-sd._udp")).containsExactly("_calc._tcp." + ZONE + ".");
		assertThat(app.getBean(DnsSdServiceRegistry.class).state()).isEqualTo(RegistrationState.REGISTERED);
		MeterRegistry meters = app.getBean(MeterRegistry.class);
		assertThat(meters.get(RegistrationMetrics.REGISTRATIONS).counter().count()).isOne();
		assertThat(meters.get(RegistrationMetrics.STATE_GAUGE).tag("state", "registered").gauge().value()).isOne();

		app.close();
		assertThat(ptrTargets("_calc._tcp")).isEmpty();
		assertThat(this.named.records("calc-127-0-0-1-8080._calc._tcp." + ZONE + ".", Type.ANY)).isEmpty();
		assertThat(this.named.records("calc-127-0-0-1-8080." + ZONE + ".", Type.A)).isEmpty();
		assertThat(ptrTargets("_services._dns-sd._udp")).isEmpty();
	}

	@Test
	void anIpv6AddressIsPublishedAsAaaa() throws Exception {
		this.named = NamedServer.start(this.directory, ZONE, "");
		start(8080, "dnssd.registration.address=::1");
		String instance = "calc-0-0-0-0-0-0-0-1-8080";
		assertThat(((SRVRecord) single(instance + "._calc._tcp", Type.SRV)).getTarget())
			.hasToString(instance + "." + ZONE + ".");
		assertThat(((AAAARecord) single(instance, Type.AAAA)).getAddress().getHostAddress())
			.isEqualTo("0:0:0:0:0:0:0:1");
	}

	@Test
	void aConfiguredTargetHostIsPointedAtAndLeftAlone() throws Exception {
		this.named = NamedServer.start(this.directory, ZONE, "web01 A 127.0.0.7");
		ConfigurableApplicationContext app = start(8080, "dnssd.dns.update.target-host=web01." + ZONE);
		assertThat(((SRVRecord) single("calc-127-0-0-1-8080._calc._tcp", Type.SRV)).getTarget())
			.hasToString("web01." + ZONE + ".");
		assertThat(this.named.records("calc-127-0-0-1-8080." + ZONE + ".", Type.A)).isEmpty();
		app.close();
		assertThat(ptrTargets("_calc._tcp")).isEmpty();
		assertThat(single("web01", Type.A)).isNotNull();
	}

	@Test
	void aRegisteredInstanceIsDiscoveredByAnotherApplication() throws Exception {
		this.named = NamedServer.start(this.directory, ZONE, "");
		start(8080);
		ConfigurableApplicationContext client = start(0, "dnssd.registration.enabled=false");
		List<ServiceInstance> instances = client.getBean(DiscoveryClient.class).getInstances("calc");
		assertThat(instances).singleElement().satisfies((instance) -> {
			assertThat(instance.getInstanceId()).isEqualTo("calc-127-0-0-1-8080");
			assertThat(instance.getUri()).hasToString("http://127.0.0.1:8080");
		});
	}

	@Test
	void twoInstancesSideBySideEachRemoveOnlyThemselves() throws Exception {
		this.named = NamedServer.start(this.directory, ZONE, "");
		ConfigurableApplicationContext first = start(8081);
		ConfigurableApplicationContext second = start(8082);
		assertThat(ptrTargets("_calc._tcp")).hasSize(2);

		first.close();
		assertThat(ptrTargets("_calc._tcp")).containsExactly("calc-127-0-0-1-8082._calc._tcp." + ZONE + ".");
		assertThat(this.named.records("calc-127-0-0-1-8082._calc._tcp." + ZONE + ".", Type.SRV)).hasSize(1);
		assertThat(ptrTargets("_services._dns-sd._udp")).containsExactly("_calc._tcp." + ZONE + ".");

		second.close();
		assertThat(ptrTargets("_calc._tcp")).isEmpty();
		assertThat(ptrTargets("_services._dns-sd._udp")).isEmpty();
	}

	@Test
	void keyFromABindKeyFileSignsTheUpdate() throws Exception {
		this.named = NamedServer.start(this.directory, ZONE, "");
		startWithKey(List.of("dnssd.dns.update.tsig.secret-file=" + this.named.writeKeyFile()), 8080);
		assertThat(ptrTargets("_calc._tcp")).hasSize(1);
	}

	@Test
	void anUnsignedUpdateIsRefusedAndReportedWithoutFailingStartup() throws Exception {
		this.named = NamedServer.start(this.directory, ZONE, "");
		ConfigurableApplicationContext app = startWithKey(List.of(), 8080);
		DnsSdServiceRegistry registry = app.getBean(DnsSdServiceRegistry.class);
		assertThat(registry.state()).isEqualTo(RegistrationState.RETRYING);
		assertThat(registry.lastError()).contains("unsigned").contains("REFUSED").contains("zone " + ZONE);
		assertThat(ptrTargets("_calc._tcp")).isEmpty();
	}

	@Test
	void anInstanceThatNeverRegisteredStopsWithoutWarningOrDrain(CapturedOutput output) throws Exception {
		this.named = NamedServer.start(this.directory, ZONE, "");
		ConfigurableApplicationContext app = startWithKey(List.of("dnssd.registration.drain=5s"), 8080);
		assertThat(app.getBean(DnsSdServiceRegistry.class).state()).isEqualTo(RegistrationState.RETRYING);
		long start = System.nanoTime();
		app.close();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
		assertThat(output.getOut()).doesNotContain("its records stay").contains("Not draining");
	}

	@Test
	void aWrongKeyIsRefusedNamingTheKeyAndFailsStartupWithFailFast(CapturedOutput output) throws Exception {
		this.named = NamedServer.start(this.directory, ZONE, "");
		String wrongSecret = Base64.getEncoder().encodeToString("not the secret at all, 32 bytes!".getBytes());
		List<String> wrongKey = List.of("dnssd.dns.update.tsig.name=" + NamedServer.KEY_NAME,
				"dnssd.dns.update.tsig.secret=" + wrongSecret, "dnssd.registration.fail-fast=true");
		assertThatException().isThrownBy(() -> startWithKey(wrongKey, 8080))
			.satisfies((ex) -> assertThat(NestedExceptionUtils.getMostSpecificCause(ex))
				.hasMessageContaining("TSIG key '" + NamedServer.KEY_NAME + "'")
				.hasMessageContaining("NOTAUTH")
				.hasMessageContaining("BADSIG"));
		assertThat(output).doesNotContain(wrongSecret).doesNotContain(this.named.secret());
	}

	@Test
	void anApplicationWhoseHealthIsDownWhenItBecomesReadyIsNeverPublished(CapturedOutput output) throws Exception {
		this.named = NamedServer.start(this.directory, ZONE, "");
		ConfigurableApplicationContext app = start(8080, "dnssd.registration.health.interval=100ms",
				"test.initial-health=DOWN");
		assertThat(app.getBean(DnsSdServiceRegistry.class).state()).isEqualTo(RegistrationState.WITHDRAWN);
		assertThat(ptrTargets("_calc._tcp")).isEmpty();
		assertThat(output.getOut()).doesNotContain("Registered 'calc");
		app.getBean(RegistrationApplication.class).health.set(Health.up().build());
		await().atMost(Duration.ofSeconds(10)).until(() -> ptrTargets("_calc._tcp").size() == 1);
	}

	@Test
	void healthDownWithdrawsTheInstanceAndUpRestoresIt() throws Exception {
		this.named = NamedServer.start(this.directory, ZONE, "");
		ConfigurableApplicationContext app = start(8080, "dnssd.registration.health.interval=100ms");
		assertThat(ptrTargets("_calc._tcp")).hasSize(1);
		AtomicReference<Health> health = app.getBean(RegistrationApplication.class).health;

		health.set(Health.down().build());
		await().atMost(Duration.ofSeconds(10)).until(() -> ptrTargets("_calc._tcp").isEmpty());
		// the records change at the server before the call that changed them returns
		await().atMost(Duration.ofSeconds(5))
			.until(() -> app.getBean(DnsSdServiceRegistry.class).state() == RegistrationState.WITHDRAWN);

		health.set(Health.up().build());
		await().atMost(Duration.ofSeconds(10)).until(() -> ptrTargets("_calc._tcp").size() == 1);
		// the records change at the server before the call that changed them returns
		await().atMost(Duration.ofSeconds(5))
			.until(() -> app.getBean(DnsSdServiceRegistry.class).state() == RegistrationState.REGISTERED);
	}

	@Test
	void theServiceRegistryEndpointWithdrawsAndRestores() throws Exception {
		this.named = NamedServer.start(this.directory, ZONE, "");
		ConfigurableApplicationContext app = start(8080, "management.endpoints.jmx.exposure.include=serviceregistry",
				"spring.jmx.enabled=true");
		ServiceRegistryEndpoint endpoint = app.getBean(ServiceRegistryEndpoint.class);
		endpoint.setStatus("OUT_OF_SERVICE");
		assertThat(ptrTargets("_calc._tcp")).isEmpty();
		assertThat(endpoint.getStatus().getBody()).asString().contains("state=WITHDRAWN");
		assertThat(app.getBean(MeterRegistry.class).get(RegistrationMetrics.WITHDRAWALS).counter().count()).isOne();
		endpoint.setStatus("UP");
		assertThat(ptrTargets("_calc._tcp")).hasSize(1);
		assertThat(endpoint.getStatus().getBody()).asString().contains("state=REGISTERED");
	}

	@Test
	void theUpdateServerIsThePrimaryNamedInTheSoa() throws Exception {
		this.named = NamedServer.start(this.directory, ZONE, "");
		ConfigurableApplicationContext app = start(0, "dnssd.registration.enabled=false");
		DnsQueryClientAccess locator = new DnsQueryClientAccess(app);
		InetSocketAddress server = locator.updateServerOf(ZONE);
		assertThat(server.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
		assertThat(server.getPort()).isEqualTo(53);
	}

	@Test
	void startsWhileTheServerIsDownAndRegistersOnceItIsUp() throws Exception {
		this.named = NamedServer.start(this.directory, ZONE, "");
		this.named.stop();
		ConfigurableApplicationContext app = start(8080);
		assertThat(app.getBean(DnsSdServiceRegistry.class).state()).isEqualTo(RegistrationState.RETRYING);
		this.named.restart();
		await().atMost(Duration.ofSeconds(20)).until(() -> ptrTargets("_calc._tcp").size() == 1);
		// the records change at the server before the call that changed them returns
		await().atMost(Duration.ofSeconds(5))
			.until(() -> app.getBean(DnsSdServiceRegistry.class).state() == RegistrationState.REGISTERED);
	}

	@Test
	void registersWithinASecondOfTheServersReturnAfterALongOutage() throws Exception {
		this.named = NamedServer.start(this.directory, ZONE, "");
		this.named.stop();
		ConfigurableApplicationContext app = start(8080);
		// failures at about 0, 1, 3, 7 and 15 s: the next retry is due some 16 s later
		Thread.sleep(17_000);
		assertThat(app.getBean(DnsSdServiceRegistry.class).state()).isEqualTo(RegistrationState.RETRYING);
		this.named.restart();
		long back = System.nanoTime();
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> ptrTargets("_calc._tcp").size() == 1);
		Duration registered = Duration.ofNanos(System.nanoTime() - back);
		System.out.println("Registered " + registered.toMillis() + " ms after the DNS server returned");
		assertThat(registered).isLessThan(Duration.ofMillis(2500));
	}

	@Test
	void recordsLostFromTheZoneAreWrittenAgainWithinTheRefreshAndAnIntactZoneIsNotWritten(CapturedOutput output)
			throws Exception {
		this.named = NamedServer.start(this.directory, ZONE, "");
		ConfigurableApplicationContext app = start(8080, "dnssd.registration.refresh=1s");
		String instance = "calc-127-0-0-1-8080._calc._tcp." + ZONE + ".";
		long serial = serial();
		Thread.sleep(2500);
		assertThat(serial()).as("refreshes of an intact zone change nothing in it").isEqualTo(serial);

		this.named.update((update) -> update.delete(new PTRRecord(Name.fromConstantString("_calc._tcp." + ZONE + "."),
				DClass.IN, 0, Name.fromConstantString(instance))));
		assertThat(ptrTargets("_calc._tcp")).isEmpty();
		await().atMost(Duration.ofSeconds(3)).until(() -> ptrTargets("_calc._tcp").size() == 1);

		this.named.restartEmptied();
		assertThat(this.named.records(instance, Type.ANY)).isEmpty();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> ptrTargets("_calc._tcp").size() == 1 && this.named.records(instance, Type.SRV).size() == 1
					&& this.named.records("calc-127-0-0-1-8080." + ZONE + ".", Type.A).size() == 1
					&& ptrTargets("_services._dns-sd._udp").size() == 1);
		// the line and the count follow the call that wrote the records, once it returned
		await().atMost(Duration.ofSeconds(3))
			.until(() -> output.getOut()
				.contains("Registered 'calc-127-0-0-1-8080' of calc (127.0.0.1:8080) again in"));
		await().atMost(Duration.ofSeconds(3))
			.until(() -> app.getBean(MeterRegistry.class)
				.get(RegistrationMetrics.REGISTRATIONS)
				.counter()
				.count() == 3);
	}

	private long serial() throws Exception {
		return ((SOARecord) single("", Type.SOA)).getSerial();
	}

	private ConfigurableApplicationContext start(int port, String... properties) {
		List<String> all = new ArrayList<>(List.of("dnssd.dns.update.tsig.name=" + NamedServer.KEY_NAME,
				"dnssd.dns.update.tsig.secret=" + this.named.secret()));
		all.addAll(List.of(properties));
		return startWithKey(all, port);
	}

	private ConfigurableApplicationContext startWithKey(List<String> properties, int port) {
		List<String> all = new ArrayList<>(List.of("spring.application.name=calc", "dnssd.domain=" + ZONE,
				"dnssd.dns.servers=" + this.named.address(), "dnssd.dns.update.server=" + this.named.address(),
				"dnssd.dns.timeout=500ms", "dnssd.registration.address=127.0.0.1", "dnssd.registration.drain=0s",
				"dnssd.discovery.min-ttl=100ms", "dnssd.discovery.max-ttl=100ms"));
		if (port > 0) {
			all.add("dnssd.registration.port=" + port);
		}
		all.addAll(properties);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(RegistrationApplication.class)
			.properties("dnssd.backend=dns")
			.web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
		this.contexts.add(context);
		return context;
	}

	private List<String> ptrTargets(String name) throws Exception {
		return this.named.records(name + "." + ZONE + ".", Type.PTR)
			.stream()
			.map((record) -> ((PTRRecord) record).getTarget().toString())
			.toList();
	}

	private Record single(String name, int type) throws Exception {
		List<Record> records = this.named.records((name.isEmpty() ? "" : name + ".") + ZONE + ".", type);
		assertThat(records).hasSize(1);
		return records.get(0);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class RegistrationApplication {

		final AtomicReference<Health> health;

		RegistrationApplication(Environment environment) {
			this.health = new AtomicReference<>(
					Health.status(environment.getProperty("test.initial-health", "UP")).build());
		}

		@Bean
		HealthIndicator switchableHealthIndicator() {
			return this.health::get;
		}

	}

}
