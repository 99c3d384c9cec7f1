package io.dnssd.boot.mdns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.dnssd.boot.registration.DnsSdServiceRegistry;
import io.dnssd.boot.registration.RegistrationState;
import io.dnssd.boot.testsupport.LoopbackOnlyNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Applications on the default backend, multicast DNS on loopback, inside a network
 * namespace that holds nothing else: registration, discovery by name with no
 * configuration, pushed changes, goodbyes, health, name conflicts, known-answer
 * suppression and hostile packets.
 */
class MdnsIT {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@BeforeEach
	void isolated() {
		LoopbackOnlyNetwork.require();
	}

	@AfterEach
	void stop() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void twoApplicationsWithNoConfigurationCallEachOtherByName() {
		ConfigurableApplicationContext calc = start("calc");
		ConfigurableApplicationContext portal = start("portal");
		RestClient client = portal.getBean(PeerApplication.class).loadBalanced.build();
		assertThat(client.get().uri("http://calc/whoami").retrieve().body(String.class))
			.isEqualTo("calc:" + port(calc));
		ServiceInstance instance = portal.getBean(DiscoveryClient.class).getInstances("calc").get(0);
		assertThat(instance.getHost()).isEqualTo("127.0.0.1");
		assertThat(instance.getPort()).isEqualTo(port(calc));
	}

	@Test
	void anInstanceStartedLaterIsSeenWithoutAskingAgain() {
		ConfigurableApplicationContext portal = start("portal");
		DiscoveryClient discovery = portal.getBean(DiscoveryClient.class);
		assertThat(discovery.getInstances("calc")).isEmpty();
		ConfigurableApplicationContext calc = start("calc");
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(ports(discovery.getInstances("calc"))).containsExactly(port(calc)));
	}

	@Test
	void aStoppedInstanceSaysGoodbyeAndIsDroppedLongBeforeItsTtl() {
		ConfigurableApplicationContext calc = start("calc", "dnssd.ttl=300s");
		ConfigurableApplicationContext portal = start("portal");
		DiscoveryClient discovery = portal.getBean(DiscoveryClient.class);
		assertThat(ports(discovery.getInstances("calc"))).containsExactly(port(calc));
		calc.close();
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(discovery.getInstances("calc")).isEmpty());
	}

	@Test
	void healthDownWithdrawsTheInstanceAndUpBringsItBack() {
		ConfigurableApplicationContext calc = start("calc", "dnssd.ttl=300s",
				"dnssd.registration.health.interval=100ms");
		ConfigurableApplicationContext portal = start("portal");
		DiscoveryClient discovery = portal.getBean(DiscoveryClient.class);
		assertThat(ports(discovery.getInstances("calc"))).containsExactly(port(calc));
		AtomicReference<Health> health = calc.getBean(PeerApplication.class).health;
		health.set(Health.down().build());
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(discovery.getInstances("calc")).isEmpty());
		health.set(Health.up().build());
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(ports(discovery.getInstances("calc"))).containsExactly(port(calc)));
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aSecondInstanceUnderATakenNameGetsANewOne(CapturedOutput output) {
		start("calc", "dnssd.registration.instance-id=calc");
		start("calc", "dnssd.registration.instance-id=calc");
		ConfigurableApplicationContext portal = start("portal");
		DiscoveryClient discovery = portal.getBean(DiscoveryClient.class);
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(discovery.getInstances("calc")).extracting(ServiceInstance::getInstanceId)
				.containsExactlyInAnyOrder("calc", "calc (2)"));
		assertThat(output).contains("Registered 'calc (2)' of calc");
	}

	@Test
	void servicesAreEnumerated() {
		start("calc");
		start("time");
		ConfigurableApplicationContext portal = start("portal");
		DiscoveryClient discovery = portal.getBean(DiscoveryClient.class);
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(discovery.getServices()).contains("calc", "time", "portal"));
	}

	@Test
	void aLegacyResolverGetsAUnicastAnswerUnlessItListsTheAnswerAsKnown() throws Exception {
		ConfigurableApplicationContext calc = start("calc", "dnssd.registration.instance-id=calc", "dnssd.ttl=120s");
		// multicast DNS registers in the background, after startup
		await().atMost(PATIENCE)
			.until(() -> calc.getBean(DnsSdServiceRegistry.class).state() == RegistrationState.REGISTERED);
		Name serviceType = Name.fromString("_calc._tcp.local.");
		Message query = Message.newQuery(Record.newRecord(serviceType, Type.PTR, DClass.IN));
		List<Record> answers = ask(query).getSection(Section.ANSWER);
		assertThat(answers).hasSize(1);
		PTRRecord pointer = (PTRRecord) answers.get(0);
		assertThat(pointer.getTarget()).isEqualTo(Name.fromString("calc._calc._tcp.local."));
		assertThat(pointer.getTTL()).isEqualTo(10);
		Message withKnownAnswer = Message.newQuery(Record.newRecord(serviceType, Type.PTR, DClass.IN));
		withKnownAnswer.addRecord(new PTRRecord(serviceType, DClass.IN, 120, pointer.getTarget()), Section.ANSWER);
		assertThat(askExpectingSilence(withKnownAnswer)).isTrue();
	}

	@Test
	void malformedAndHostilePacketsDoNotStopDiscovery() throws Exception {
		ConfigurableApplicationContext portal = start("portal");
		DiscoveryClient discovery = portal.getBean(DiscoveryClient.class);
		assertThat(discovery.getInstances("calc")).isEmpty();
		Message bogus = new Message(0);
		bogus.getHeader().setFlag(org.xbill.DNS.Flags.QR);
		Name serviceType = Name.fromString("_calc._tcp.local.");
		for (int i = 0; i < 50; i++) {
			bogus.addRecord(
					new PTRRecord(serviceType, DClass.IN, 120, Name.fromString("ghost" + i + "._calc._tcp.local.")),
					Section.ANSWER);
		}
		try (DatagramChannel channel = multicastChannel(new InetSocketAddress(MdnsTransport.PORT))) {
			InetSocketAddress group = new InetSocketAddress(InetAddress.getByName("224.0.0.251"), MdnsTransport.PORT);
			channel.send(ByteBuffer.wrap(new byte[] { 0, 0, (byte) 0x84, 0, 0, 0, 0, 9, 0, 0, 0, 0, 1, 2, 3 }), group);
			byte[] truncated = bogus.toWire();
			channel.send(ByteBuffer.wrap(Arrays.copyOf(truncated, truncated.length / 2)), group);
			channel.send(ByteBuffer.wrap(bogus.toWire()), group);
		}
		ConfigurableApplicationContext calc = start("calc");
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(ports(discovery.getInstances("calc"))).containsExactly(port(calc)));
	}

	private ConfigurableApplicationContext start(String name, String... properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(PeerApplication.class)
			.properties("spring.application.name=" + name, "server.port=0")
			.properties(properties)
			.run();
		this.contexts.add(context);
		return context;
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private static List<Integer> ports(List<ServiceInstance> instances) {
		return instances.stream().map(ServiceInstance::getPort).toList();
	}

	private static Message ask(Message query) throws IOException {
		return send(query, PATIENCE).orElseThrow(() -> new AssertionError("No answer to " + query));
	}

	private static boolean askExpectingSilence(Message query) throws IOException {
		return send(query, Duration.ofSeconds(1)).isEmpty();
	}

	/**
	 * Sends a query from an ephemeral port, as a plain DNS client does, and waits for a
	 * reply.
	 */
	private static Optional<Message> send(Message query, Duration wait) throws IOException {
		try (DatagramChannel channel = multicastChannel(new InetSocketAddress(0));
				Selector selector = Selector.open()) {
			channel.configureBlocking(false);
			channel.register(selector, SelectionKey.OP_READ);
			channel.send(ByteBuffer.wrap(query.toWire()),
					new InetSocketAddress(InetAddress.getByName("224.0.0.251"), MdnsTransport.PORT));
			if (selector.select(wait.toMillis()) == 0) {
				return Optional.empty();
			}
			ByteBuffer buffer = ByteBuffer.allocate(9000);
			channel.receive(buffer);
			return Optional.of(new Message(Arrays.copyOf(buffer.array(), buffer.position())));
		}
	}

	private static DatagramChannel multicastChannel(InetSocketAddress bind) throws IOException {
		DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
		channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
		channel.bind(bind);
		channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName("lo"));
		return channel;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@RestController
	static class PeerApplication {

		final AtomicReference<Health> health = new AtomicReference<>(Health.up().build());

		final RestClient.Builder loadBalanced = RestClient.builder();

		@Value("${spring.application.name}")
		private String name;

		@Autowired
		private Environment environment;

		@Bean
		HealthIndicator switchableHealthIndicator() {
			return this.health::get;
		}

		@Bean
		@LoadBalanced
		RestClient.Builder loadBalancedRestClientBuilder() {
			return this.loadBalanced;
		}

		@GetMapping("/whoami")
		String whoami() {
			return this.name + ":" + this.environment.getProperty("local.server.port");
		}

	}

}
