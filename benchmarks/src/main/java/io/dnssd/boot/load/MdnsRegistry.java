package io.dnssd.boot.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The starter on multicast DNS, the samples' default profile (loopback, drain 1 s): no
 * server, every instance answers for itself. An instance counts as registered when its
 * own {@code /actuator/serviceregistry} says REGISTERED (name probing done, announced),
 * on a management port the harness gives each calc port. Run inside a network namespace
 * that holds only loopback ({@code benchmarks/load.sh} does for {@code mdns}).
 */
final class MdnsRegistry implements Registry {

	private static final String PORT_ARGUMENT = "--server.port=";

	private static final String MANAGEMENT_ARGUMENT = "--management.server.port=";

	private final Map<Integer, Integer> managementPorts = new ConcurrentHashMap<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private final ObjectMapper json = JsonMapper.builder().build();

	@Override
	public String description() {
		return "dnssd-spring-boot on multicast DNS (loopback, goodbye packets, drain 1 s)";
	}

	@Override
	public List<String> command(App app, List<String> arguments) {
		List<String> command = new ArrayList<>(List.of(LoadHarness.javaExecutable(), "-Xmx256m", "-jar", app.jar()));
		command.addAll(arguments);
		if (arguments.stream().noneMatch((argument) -> argument.startsWith(MANAGEMENT_ARGUMENT))) {
			arguments.stream()
				.filter((argument) -> argument.startsWith(PORT_ARGUMENT))
				.findFirst()
				.map((argument) -> Integer.parseInt(argument.substring(PORT_ARGUMENT.length())))
				.ifPresent((port) -> command.add(MANAGEMENT_ARGUMENT + managementPort(port)));
		}
		return command;
	}

	/**
	 * Asks the instance on the port: a process that stopped answers nothing, so an answer
	 * is the running process's.
	 */
	@Override
	public boolean registered(int port, long startedAt) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + managementPort(port) + "/actuator/serviceregistry"))
			.timeout(Duration.ofSeconds(2))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200
					&& "REGISTERED".equals(this.json.readTree(response.body()).path("state").asString());
		}
		catch (IOException ex) {
			return false;
		}
	}

	private int managementPort(int port) {
		return this.managementPorts.computeIfAbsent(port, (key) -> {
			try {
				return LoadHarness.freePort();
			}
			catch (IOException ex) {
				throw new IllegalStateException("No free port on loopback", ex);
			}
		});
	}

	@Override
	public void stop() {
		throw new UnsupportedOperationException("Multicast DNS has no registry server to stop");
	}

	@Override
	public void restart() {
		throw new UnsupportedOperationException("Multicast DNS has no registry server to start");
	}

	@Override
	public void restartEmptied() {
		throw new UnsupportedOperationException("Multicast DNS has no registry server to empty");
	}

	@Override
	public void close() {
	}

}
