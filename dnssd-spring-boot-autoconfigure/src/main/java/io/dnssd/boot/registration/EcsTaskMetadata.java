package io.dnssd.boot.registration;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.json.JsonParserFactory;

/**
 * What ECS task metadata endpoint v4 says about this container: its private IPv4 address
 * when the task uses the {@code awsvpc} network mode, and the host port each container
 * port is mapped to in {@code bridge} mode.
 *
 * @param awsvpcAddress the container's address in awsvpc mode
 * @param hostPorts host port by container port, in bridge mode
 * @see <a href=
 * "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-metadata-endpoint-v4.html">Task
 * metadata endpoint version 4</a>
 */
public record EcsTaskMetadata(Optional<String> awsvpcAddress, Map<Integer, Integer> hostPorts) {

	/** Environment variable ECS sets to the container's metadata URI. */
	public static final String URI_VARIABLE = "ECS_CONTAINER_METADATA_URI_V4";

	private static final Duration TIMEOUT = Duration.ofSeconds(1);

	/**
	 * Reads the metadata when running on ECS.
	 * @param environment the process environment
	 * @return the metadata, empty when not on ECS or the endpoint does not answer
	 */
	public static Optional<EcsTaskMetadata> fetch(Map<String, String> environment) {
		String uri = environment.get(URI_VARIABLE);
		if (uri == null || uri.isBlank()) {
			return Optional.empty();
		}
		try {
			HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
			HttpResponse<String> response = client.send(
					HttpRequest.newBuilder(URI.create(uri)).timeout(TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == 200) ? Optional.of(parse(response.body())) : Optional.empty();
		}
		catch (IOException | IllegalArgumentException ex) {
			return Optional.empty();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
	}

	/**
	 * Parses a container metadata document (the answer of
	 * {@code ${ECS_CONTAINER_METADATA_URI_V4}}).
	 * @param json the document
	 * @return the metadata
	 * @throws org.springframework.boot.json.JsonParseException if the document is not
	 * JSON
	 */
	public static EcsTaskMetadata parse(String json) {
		Map<String, Object> container = JsonParserFactory.getJsonParser().parseMap(json);
		String address = null;
		for (Map<?, ?> network : maps(container.get("Networks"))) {
			if ("awsvpc".equals(network.get("NetworkMode")) && network.get("IPv4Addresses") instanceof List<?> list
					&& !list.isEmpty()) {
				address = String.valueOf(list.get(0));
			}
		}
		Map<Integer, Integer> hostPorts = new HashMap<>();
		for (Map<?, ?> port : maps(container.get("Ports"))) {
			Integer containerPort = number(port.get("ContainerPort"));
			Integer hostPort = number(port.get("HostPort"));
			if (containerPort != null && hostPort != null && !"udp".equals(port.get("Protocol"))) {
				hostPorts.put(containerPort, hostPort);
			}
		}
		return new EcsTaskMetadata(Optional.ofNullable(address), Map.copyOf(hostPorts));
	}

	private static List<Map<?, ?>> maps(@Nullable Object value) {
		if (!(value instanceof List<?> list)) {
			return List.of();
		}
		return list.stream().filter(Map.class::isInstance).<Map<?, ?>>map(Map.class::cast).toList();
	}

	private static @Nullable Integer number(@Nullable Object value) {
		return (value instanceof Number number) ? number.intValue() : null;
	}

}
