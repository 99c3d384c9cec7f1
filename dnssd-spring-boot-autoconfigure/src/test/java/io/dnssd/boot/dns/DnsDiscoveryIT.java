package io.dnssd.boot.dns;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.dnssd.boot.DnsSdSchedulerAutoConfiguration;
import io.dnssd.boot.discovery.DiscoveryAutoConfiguration;
import io.dnssd.boot.model.InstanceSource;
import io.dnssd.boot.testsupport.NamedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Type;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discovery against a real BIND 9 serving DNS-SD, SRV and address records, well-formed
 * and malformed.
 */
@ExtendWith(OutputCaptureExtension.class)
class DnsDiscoveryIT {

	private static final String ZONE = "example.test";

	@TempDir
	static Path directory;

	static NamedServer named;

	@BeforeAll
	static void startNamed() throws Exception {
		named = NamedServer.start(directory, ZONE, records());
	}

	@AfterAll
	static void stopNamed() throws Exception {
		named.close();
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner().withPropertyValues("dnssd.backend=dns")
			.withConfiguration(AutoConfigurations.of(DnsSdSchedulerAutoConfiguration.class, DnsAutoConfiguration.class,
					DiscoveryAutoConfiguration.class))
			.withPropertyValues("dnssd.domain=" + ZONE, "dnssd.dns.servers=" + named.address(),
					"dnssd.discovery.services.web.lookup=srv",
					"dnssd.discovery.services.web.name-template=_http._tcp.{service}.{domain}",
					"dnssd.discovery.services.api.lookup=address", "dnssd.discovery.services.api.port=443");
	}

	@Test
	void dnsSdLookupFindsInstancesWithAddressesAndAttributes() {
		runner().run((context) -> {
			Map<String, ServiceInstance> calc = byId(context.getBean(DiscoveryClient.class).getInstances("calc"));
			assertThat(calc).containsOnlyKeys("Calc One.primary", "calc-2");
			ServiceInstance one = calc.get("Calc One.primary");
			assertThat(one.getHost()).isEqualTo("127.0.0.21");
			assertThat(one.getPort()).isEqualTo(8080);
			assertThat(one.isSecure()).isTrue();
			assertThat(one.getMetadata()).containsEntry("version", "1.0.0")
				.containsEntry("stage", "prod")
				.containsEntry("secure", "true")
				.containsEntry("priority", "0")
				.containsEntry("weight", "5");
			ServiceInstance two = calc.get("calc-2");
			assertThat(two.getHost()).isEqualTo("[0:0:0:0:0:0:0:1]");
			assertThat(two.getUri()).hasToString("http://[0:0:0:0:0:0:0:1]:8081");
			assertThat(two.getPort()).isEqualTo(8081);
			assertThat(two.isSecure()).isFalse();
			assertThat(two.getMetadata()).containsEntry("version", "2.0.0")
				.containsEntry("priority", "1")
				.containsEntry("weight", "0")
				.doesNotContainKey("Version");
		});
	}

	@Test
	void attributeFiltersSelectInstancesGloballyAndPerService() {
		runner().withPropertyValues("dnssd.discovery.filters.stage=prod").run((context) -> {
			DiscoveryClient client = context.getBean(DiscoveryClient.class);
			assertThat(client.getInstances("calc")).extracting(ServiceInstance::getInstanceId)
				.containsExactly("Calc One.primary");
		});
		runner().withPropertyValues("dnssd.discovery.services.calc.filters.VERSION=2.0.0").run((context) -> {
			DiscoveryClient client = context.getBean(DiscoveryClient.class);
			assertThat(client.getInstances("calc")).extracting(ServiceInstance::getInstanceId)
				.containsExactly("calc-2");
		});
	}

	@Test
	void answerTtlIsTheSmallestTtlOfTheRecordsUsed() {
		runner().run((context) -> assertThat(context.getBean(InstanceSource.class).resolve("calc").ttl())
			.isEqualTo(Duration.ofSeconds(10)));
	}

	@Test
	void malformedRecordsAreSkippedAndTheRestServed() {
		runner().run((context) -> {
			Map<String, ServiceInstance> broken = byId(context.getBean(DiscoveryClient.class).getInstances("broken"));
			assertThat(broken).containsOnlyKeys("good");
			assertThat(broken.get("good").getMetadata()).containsEntry("noequals", "true")
				.containsEntry("ok", "yes")
				.containsEntry("long", "x".repeat(250))
				.containsEntry("x", "1")
				.hasSize(6);
		});
	}

	@Test
	void threeHundredInstancesComeBackWholeOverTcp() {
		runner().run((context) -> {
			List<ServiceInstance> big = context.getBean(DiscoveryClient.class).getInstances("big");
			assertThat(big).hasSize(300);
			assertThat(big).extracting(ServiceInstance::getInstanceId).doesNotHaveDuplicates().contains("i001", "i300");
			assertThat(named.queryLog())
				.anyMatch((line) -> line.matches("query: _big\\._tcp\\.example\\.test IN PTR \\S*T\\S* .*"));
		});
	}

	@Test
	void aServiceLargerThanTheLimitIsServedAndQueriedOnlyUpToIt(CapturedOutput output) {
		runner().withPropertyValues("dnssd.discovery.max-instances=50").run((context) -> {
			int before = named.queryLog().size();
			assertThat(context.getBean(DiscoveryClient.class).getInstances("big")).hasSize(50);
			long srvQueries = named.queryLog()
				.stream()
				.skip(before)
				.filter((line) -> line.matches(".*query: i\\d+\\._big\\._tcp\\.example\\.test IN SRV .*"))
				.count();
			assertThat(srvQueries).isBetween(1L, 50L);
			assertThat(output.getOut()).contains("lists 300 instances; following the first 50");
		});
	}

	@Test
	void onlyRecordsMissingFromTheAnswersAreQueried() {
		runner().run((context) -> {
			DiscoveryClient client = context.getBean(DiscoveryClient.class);
			assertThat(client.getInstances("calc")).hasSize(2);
			assertThat(client.getInstances("web")).hasSize(2);
			assertThat(client.getInstances("broken")).hasSize(1);
			List<String> queries = named.queryLog();
			assertThat(queries).anyMatch((line) -> line.startsWith("query: missing.example.test IN A "));
			assertThat(queries).noneMatch((line) -> line.matches("query: (host1|host2|web2)\\.example\\.test IN A.*"));
		});
	}

	@Test
	void templatedSrvLookupUsesTargetsFromTheAdditionalSectionAndQueriesTheRest() {
		runner().run((context) -> {
			Map<String, ServiceInstance> web = byId(context.getBean(DiscoveryClient.class).getInstances("web"));
			assertThat(web).containsOnlyKeys("host1.example.test:8080", "web2.example.test:8081");
			assertThat(web.get("host1.example.test:8080").getHost()).isEqualTo("127.0.0.21");
			assertThat(web.get("web2.example.test:8081").getHost()).isEqualTo("127.0.0.22");
			assertThat(web.get("web2.example.test:8081").getMetadata()).containsEntry("weight", "7");
		});
	}

	@Test
	void addressLookupMakesOneInstancePerAddress() {
		runner().run((context) -> {
			List<ServiceInstance> api = context.getBean(DiscoveryClient.class).getInstances("api");
			assertThat(api).extracting(ServiceInstance::getHost).containsExactlyInAnyOrder("127.0.0.11", "127.0.0.12");
			assertThat(api).allSatisfy((instance) -> {
				assertThat(instance.getPort()).isEqualTo(443);
				assertThat(instance.isSecure()).isTrue();
			});
		});
	}

	@Test
	void unknownServiceHasNoInstances() {
		runner().run((context) -> {
			assertThat(context.getBean(DiscoveryClient.class).getInstances("nothing")).isEmpty();
			assertThat(context.getBean(InstanceSource.class).resolve("nothing").ttl()).isEqualTo(Duration.ofSeconds(5));
		});
	}

	@Test
	void servicesAreEnumeratedAndConfiguredOnesAdded() {
		runner().run((context) -> assertThat(context.getBean(DiscoveryClient.class).getServices())
			.containsExactlyInAnyOrder("calc", "time", "web", "api"));
	}

	@Test
	void relativeDomainNamesGoThroughTheSearchPath() {
		runner().run((context) -> {
			DnsQueryClient client = new DnsQueryClient(context.getBean(Resolver.class), context.getBean(Resolver.class),
					List.of(Name.fromString("nowhere.invalid."), Name.fromString(ZONE + ".")), 1, 4);
			DnsAnswer answer = client.query("_calc._tcp", false, Type.PTR);
			assertThat(answer.records(Type.PTR)).hasSize(2);
			assertThat(answer.question().name().toString()).isEqualTo("_calc._tcp." + ZONE + ".");
		});
	}

	private static Map<String, ServiceInstance> byId(List<ServiceInstance> instances) {
		return instances.stream().collect(Collectors.toMap(ServiceInstance::getInstanceId, (instance) -> instance));
	}

	private static String records() {
		String big = IntStream.rangeClosed(1, 300).mapToObj((i) -> String.format("""
				_big._tcp PTR i%1$03d._big._tcp
				i%1$03d._big._tcp SRV 0 1 %2$d host1
				i%1$03d._big._tcp TXT "n=%1$d"
				""", i, 10000 + i)).collect(Collectors.joining());
		return """
				_services._dns-sd._udp PTR _calc._tcp
				_services._dns-sd._udp PTR _time._tcp
				_calc._tcp PTR Calc\\032One\\.primary._calc._tcp
				_calc._tcp PTR calc-2._calc._tcp
				Calc\\032One\\.primary._calc._tcp SRV 0 5 8080 host1
				Calc\\032One\\.primary._calc._tcp TXT "version=1.0.0" "stage=prod" "secure"
				calc-2._calc._tcp 10 SRV 1 0 8081 host2
				calc-2._calc._tcp TXT "version=2.0.0" "stage=dev" "Version=ignored"
				host1 A 127.0.0.21
				host2 AAAA ::1
				_broken._tcp PTR good._broken._tcp
				_broken._tcp PTR notarget._broken._tcp
				_broken._tcp PTR nosrv._broken._tcp
				_broken._tcp PTR alias._broken._tcp
				_broken._tcp PTR dot._broken._tcp
				_broken._tcp PTR port0._broken._tcp
				good._broken._tcp SRV 0 0 9000 host1
				good._broken._tcp TXT "=novalue" "" "noequals" "long=%s" "\\007bell=1" "ok=yes" "x=1" "X=2"
				notarget._broken._tcp SRV 0 0 9001 missing
				nosrv._broken._tcp TXT "a=b"
				nosrv._broken._tcp A 127.0.0.99
				alias._broken._tcp CNAME host1
				dot._broken._tcp SRV 0 0 9002 .
				port0._broken._tcp SRV 0 0 0 host1
				_http._tcp.web SRV 0 1 8080 host1
				_http._tcp.web SRV 0 7 8081 web2
				web2 A 127.0.0.22
				api A 127.0.0.11
				api A 127.0.0.12
				""".formatted("x".repeat(250)) + big;
	}

}
