package io.dnssd.boot.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stateful local test double of the AWS Cloud Map API (JSON 1.1 over HTTP:
 * {@code POST /} with {@code X-Amz-Target: Route53AutoNaming_v20170314.<Operation>},
 * errors as {@code __type}), for the real AWS SDK client. It keeps namespaces, services,
 * instances, operations (reported PENDING for a configurable number of polls), custom
 * health and instance revisions (which, as in Cloud Map, health changes do not bump), and
 * can answer with throttling errors.
 */
public final class CloudMapServer implements AutoCloseable {

	private static final Pattern INSTANCE_ID = Pattern.compile("[0-9a-zA-Z_/:.@-]{1,64}");

	private static final Pattern ATTRIBUTE_KEY = Pattern.compile("[a-zA-Z0-9!-~]+");

	private static final Pattern ATTRIBUTE_VALUE = Pattern.compile("([!-~][ \\t!-~]*)?[!-~]?");

	private static final int MAX_CUSTOM_ATTRIBUTES = 30;

	private static final int MAX_ATTRIBUTE_CHARACTERS = 5000;

	private static final String TARGET_PREFIX = "Route53AutoNaming_v20170314.";

	private final ObjectMapper json = JsonMapper.builder().build();

	private final HttpServer server;

	private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();

	private final Map<String, Service> services = new ConcurrentHashMap<>();

	private final Map<String, Operation> operations = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

	private final Map<String, JsonNode> lastRequests = new ConcurrentHashMap<>();

	private final AtomicInteger ids = new AtomicInteger();

	private volatile int pendingPolls;

	private volatile boolean refuseCustomHealth;

	private volatile boolean stopped;

	private volatile boolean ignoreListServicesFilters;

	private final AtomicInteger throttle = new AtomicInteger();

	private volatile String throttleError = "ThrottlingException";

	private volatile boolean unavailable;

	private CloudMapServer(HttpServer server) {
		this.server = server;
	}

	/**
	 * Starts the double on a free port of 127.0.0.1.
	 * @return the running double
	 * @throws IOException if it cannot listen
	 */
	public static CloudMapServer start() throws IOException {
		HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		CloudMapServer server = new CloudMapServer(http);
		http.createContext("/", server::handle);
		http.start();
		return server;
	}

	/**
	 * Returns the endpoint to point the SDK at.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * Creates an HTTP namespace.
	 * @param name the namespace name
	 * @return its id
	 */
	public String createNamespace(String name) {
		return addNamespace(name, "HTTP").id;
	}

	/**
	 * Creates a service in a namespace.
	 * @param namespaceName the namespace
	 * @param name the service name
	 * @param customHealth whether it has a custom health check
	 * @return its id
	 */
	public String createService(String namespaceName, String name, boolean customHealth) {
		Namespace namespace = namespaceNamed(namespaceName);
		return addService(namespace, name, customHealth).id;
	}

	/**
	 * Makes ListServices ignore its filters, as another implementation of the API might.
	 */
	public void ignoreListServicesFilters() {
		this.ignoreListServicesFilters = true;
	}

	/**
	 * Makes every operation report PENDING for this many polls before SUCCESS.
	 * @param polls the number of polls
	 */
	public void pendingPolls(int polls) {
		this.pendingPolls = polls;
	}

	/**
	 * Answers every UpdateInstanceCustomHealthStatus with {@code CustomHealthNotFound},
	 * as Cloud Map does for an instance whose health check is not a custom one.
	 */
	public void refuseCustomHealth() {
		this.refuseCustomHealth = true;
	}

	/**
	 * Answers every request with HTTP 503 {@code ServiceUnavailableException} until
	 * called again with {@code false}, as an outage of the service would.
	 * @param unavailable whether the API is down
	 */
	public void unavailable(boolean unavailable) {
		this.unavailable = unavailable;
	}

	/**
	 * Answers the next requests with {@code ThrottlingException}.
	 * @param requests how many
	 */
	public void throttleNext(int requests) {
		throttleNext(requests, "ThrottlingException");
	}

	/**
	 * Answers the next requests with a throttling error of the given type.
	 * @param requests how many
	 * @param errorType e.g. {@code RequestLimitExceeded}
	 */
	public void throttleNext(int requests, String errorType) {
		this.throttleError = errorType;
		this.throttle.set(requests);
	}

	/**
	 * Returns the type and DNS configuration of a namespace's service, as created.
	 * @param namespaceName the namespace
	 * @param serviceName the service
	 * @return the namespace type and the DnsConfig, e.g. {@code DNS_PRIVATE
	 * {RoutingPolicy=...}}
	 */
	public String describe(String namespaceName, String serviceName) {
		Service service = serviceNamed(namespaceName, serviceName);
		return service.namespace.type + " " + service.dnsConfig;
	}

	/**
	 * Returns how often an operation was called, throttled calls included.
	 * @param operation e.g. {@code DiscoverInstances}
	 * @return the count
	 */
	public int calls(String operation) {
		return this.calls.getOrDefault(operation, new AtomicInteger()).get();
	}

	/**
	 * Returns the body of the last request of an operation.
	 * @param operation e.g. {@code DiscoverInstances}
	 * @return the JSON body, or null if there was none
	 */
	public JsonNode lastRequest(String operation) {
		return this.lastRequests.get(operation);
	}

	/**
	 * Returns the namespaces by name.
	 * @return namespace names
	 */
	public List<String> namespaceNames() {
		return this.namespaces.values().stream().map((namespace) -> namespace.name).toList();
	}

	/**
	 * Returns the instances of a service: instance id to attributes.
	 * @param namespaceName the namespace
	 * @param serviceName the service
	 * @return the instances, empty if the service does not exist
	 */
	public Map<String, Map<String, String>> instances(String namespaceName, String serviceName) {
		Service service = serviceNamed(namespaceName, serviceName);
		Map<String, Map<String, String>> result = new LinkedHashMap<>();
		if (service != null) {
			service.instances.forEach((id, instance) -> result.put(id, instance.attributes));
		}
		return result;
	}

	/**
	 * Removes an instance as someone else's DeregisterInstance would (an operator, a
	 * reaper), without an operation.
	 * @param namespaceName the namespace
	 * @param serviceName the service
	 * @param instanceId the instance
	 * @return whether there was such an instance
	 */
	public boolean removeInstance(String namespaceName, String serviceName, String instanceId) {
		Service service = serviceNamed(namespaceName, serviceName);
		if (service == null || service.instances.remove(instanceId) == null) {
			return false;
		}
		service.revision.incrementAndGet();
		return true;
	}

	/**
	 * Returns the custom health of an instance.
	 * @param namespaceName the namespace
	 * @param serviceName the service
	 * @param instanceId the instance
	 * @return HEALTHY or UNHEALTHY, or null if there is no such instance
	 */
	public String health(String namespaceName, String serviceName, String instanceId) {
		Service service = serviceNamed(namespaceName, serviceName);
		Instance instance = (service != null) ? service.instances.get(instanceId) : null;
		return (instance != null) ? instance.health : null;
	}

	@Override
	public void close() {
		if (!this.stopped) {
			this.stopped = true;
			this.server.stop(0);
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
			if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith(TARGET_PREFIX)) {
				respond(exchange, 400, error("UnknownOperationException", "Expected POST with X-Amz-Target"));
				return;
			}
			String operation = target.substring(TARGET_PREFIX.length());
			this.calls.computeIfAbsent(operation, (key) -> new AtomicInteger()).incrementAndGet();
			if (this.unavailable) {
				respond(exchange, 503, error("ServiceUnavailableException", "Service unavailable"));
				return;
			}
			if (this.throttle.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
				respond(exchange, 400, error(this.throttleError, "Rate exceeded"));
				return;
			}
			JsonNode request;
			try (InputStream body = exchange.getRequestBody()) {
				request = this.json.readTree(body);
			}
			this.lastRequests.put(operation, request);
			try {
				respond(exchange, 200, dispatch(operation, request));
			}
			catch (CloudMapError ex) {
				respond(exchange, 400, error(ex.type, ex.getMessage()));
			}
		}
	}

	private Map<String, Object> dispatch(String operation, JsonNode request) {
		Function<JsonNode, Map<String, Object>> handler = switch (operation) {
			case "ListNamespaces" -> this::listNamespaces;
			case "CreateHttpNamespace" -> (r) -> createNamespace(r, "HTTP");
			case "CreatePrivateDnsNamespace" -> (r) -> createNamespace(r, "DNS_PRIVATE");
			case "GetOperation" -> this::getOperation;
			case "ListServices" -> this::listServices;
			case "CreateService" -> this::createService;
			case "GetService" -> this::getService;
			case "RegisterInstance" -> this::registerInstance;
			case "DeregisterInstance" -> this::deregisterInstance;
			case "GetInstance" -> this::getInstance;
			case "UpdateInstanceCustomHealthStatus" -> this::updateHealth;
			case "DiscoverInstances" -> this::discoverInstances;
			case "DiscoverInstancesRevision" -> this::discoverInstancesRevision;
			default -> (r) -> {
				throw new CloudMapError("UnknownOperationException",
						"Operation " + operation + " is not supported here");
			};
		};
		return handler.apply(request);
	}

	private Map<String, Object> listNamespaces(JsonNode request) {
		List<Map<String, Object>> result = new ArrayList<>();
		for (Namespace namespace : this.namespaces.values()) {
			if (matchesFilters(request, "NAME", namespace.name)) {
				result.add(Map.of("Id", namespace.id, "Name", namespace.name, "Type", namespace.type, "Arn",
						"arn:aws:servicediscovery:us-east-1:123456789012:namespace/" + namespace.id));
			}
		}
		return Map.of("Namespaces", result);
	}

	private Map<String, Object> createNamespace(JsonNode request, String type) {
		String name = request.path("Name").asText();
		if (this.namespaces.values().stream().anyMatch((namespace) -> namespace.name.equals(name))) {
			throw new CloudMapError("NamespaceAlreadyExists", "Namespace " + name + " already exists");
		}
		Namespace namespace = addNamespace(name, type);
		return Map.of("OperationId", operation("CREATE_NAMESPACE", Map.of("NAMESPACE", namespace.id)));
	}

	private Map<String, Object> getOperation(JsonNode request) {
		Operation operation = this.operations.get(request.path("OperationId").asText());
		if (operation == null) {
			throw new CloudMapError("OperationNotFound", "No operation " + request.path("OperationId").asText());
		}
		String status = (operation.polls.incrementAndGet() > this.pendingPolls) ? "SUCCESS" : "PENDING";
		return Map.of("Operation",
				Map.of("Id", operation.id, "Type", operation.type, "Status", status, "Targets", operation.targets));
	}

	private Map<String, Object> listServices(JsonNode request) {
		List<Map<String, Object>> result = new ArrayList<>();
		for (Service service : this.services.values()) {
			if (this.ignoreListServicesFilters || matchesFilters(request, "NAMESPACE_ID", service.namespace.id)) {
				result.add(describe(service));
			}
		}
		return Map.of("Services", result);
	}

	private Map<String, Object> createService(JsonNode request) {
		Namespace namespace = this.namespaces.get(request.path("NamespaceId").asText());
		if (namespace == null) {
			throw new CloudMapError("NamespaceNotFound", "No namespace " + request.path("NamespaceId").asText());
		}
		String name = request.path("Name").asText();
		if (serviceNamed(namespace.name, name) != null) {
			throw new CloudMapError("ServiceAlreadyExists", "Service " + name + " already exists");
		}
		Service service = addService(namespace, name, request.has("HealthCheckCustomConfig"));
		service.dnsConfig = request.has("DnsConfig") ? this.json.convertValue(request.get("DnsConfig"), Map.class)
				: null;
		return Map.of("Service", describe(service));
	}

	private Map<String, Object> getService(JsonNode request) {
		return Map.of("Service", describe(service(request.path("Id").asText())));
	}

	private Map<String, Object> registerInstance(JsonNode request) {
		Service service = service(request.path("ServiceId").asText());
		String id = request.path("InstanceId").asText();
		Map<String, String> attributes = new LinkedHashMap<>();
		request.path("Attributes")
			.properties()
			.forEach((entry) -> attributes.put(entry.getKey(), entry.getValue().asText()));
		validateRegisterInstance(id, attributes);
		Instance previous = service.instances.get(id);
		String health = (previous != null) ? previous.health : initialHealth(service, attributes);
		service.instances.put(id, new Instance(attributes, health));
		service.revision.incrementAndGet();
		return Map.of("OperationId", operation("REGISTER_INSTANCE", Map.of("SERVICE", service.id, "INSTANCE", id)));
	}

	/**
	 * The health an instance starts with: AWS_INIT_HEALTH_STATUS counts only where the
	 * service has a custom health check; without one the health is UNKNOWN.
	 */
	private static String initialHealth(Service service, Map<String, String> attributes) {
		if (!service.customHealth) {
			return "UNKNOWN";
		}
		return "UNHEALTHY".equals(attributes.get("AWS_INIT_HEALTH_STATUS")) ? "UNHEALTHY" : "HEALTHY";
	}

	/**
	 * The limits of RegisterInstance as the API reference states them: an instance id of
	 * 1 to 64 characters from {@code [0-9a-zA-Z_/:.@-]}; at most 30 attributes besides
	 * the AWS_ ones; keys of at most 255 and values of at most 1,024 printable ASCII
	 * characters (values neither starting nor ending with a space); 5,000 characters in
	 * all.
	 */
	private static void validateRegisterInstance(String id, Map<String, String> attributes) {
		if (!INSTANCE_ID.matcher(id).matches()) {
			throw new CloudMapError("InvalidInput", "InstanceId '" + id + "' does not match " + INSTANCE_ID);
		}
		long custom = attributes.keySet().stream().filter((key) -> !key.startsWith("AWS_")).count();
		if (custom > MAX_CUSTOM_ATTRIBUTES) {
			throw new CloudMapError("InvalidInput", custom + " custom attributes, at most " + MAX_CUSTOM_ATTRIBUTES);
		}
		int total = 0;
		for (Map.Entry<String, String> entry : attributes.entrySet()) {
			if (entry.getKey().length() > 255 || !ATTRIBUTE_KEY.matcher(entry.getKey()).matches()) {
				throw new CloudMapError("InvalidInput", "Attribute key '" + entry.getKey() + "' is invalid");
			}
			if (entry.getValue().length() > 1024 || !ATTRIBUTE_VALUE.matcher(entry.getValue()).matches()) {
				throw new CloudMapError("InvalidInput", "Value of attribute '" + entry.getKey() + "' is invalid");
			}
			total += entry.getKey().length() + entry.getValue().length();
		}
		if (total > MAX_ATTRIBUTE_CHARACTERS) {
			throw new CloudMapError("InvalidInput",
					total + " characters of attributes, at most " + MAX_ATTRIBUTE_CHARACTERS);
		}
	}

	private Map<String, Object> deregisterInstance(JsonNode request) {
		Service service = service(request.path("ServiceId").asText());
		String id = request.path("InstanceId").asText();
		if (service.instances.remove(id) == null) {
			throw new CloudMapError("InstanceNotFound", "No instance " + id);
		}
		service.revision.incrementAndGet();
		return Map.of("OperationId", operation("DEREGISTER_INSTANCE", Map.of("SERVICE", service.id, "INSTANCE", id)));
	}

	private Map<String, Object> getInstance(JsonNode request) {
		Service service = service(request.path("ServiceId").asText());
		String id = request.path("InstanceId").asText();
		Instance instance = service.instances.get(id);
		if (instance == null) {
			throw new CloudMapError("InstanceNotFound", "No instance " + id);
		}
		return Map.of("Instance", Map.of("Id", id, "Attributes", instance.attributes));
	}

	private Map<String, Object> updateHealth(JsonNode request) {
		Service service = service(request.path("ServiceId").asText());
		if (!service.customHealth || this.refuseCustomHealth) {
			throw new CloudMapError("CustomHealthNotFound", "Service " + service.id + " has no custom health check");
		}
		Instance instance = service.instances.get(request.path("InstanceId").asText());
		if (instance == null) {
			throw new CloudMapError("InstanceNotFound", "No instance " + request.path("InstanceId").asText());
		}
		instance.health = request.path("Status").asText();
		return Map.of();
	}

	private Map<String, Object> discoverInstances(JsonNode request) {
		Service service = discoveredService(request);
		Map<String, String> query = new LinkedHashMap<>();
		request.path("QueryParameters")
			.properties()
			.forEach((entry) -> query.put(entry.getKey(), entry.getValue().asText()));
		String filter = service.customHealth ? request.path("HealthStatus").asText("HEALTHY") : "ALL";
		int max = request.path("MaxResults").asInt(100);
		if (max < 1 || max > 1000) {
			throw new CloudMapError("InvalidInput", "MaxResults " + max + " is not between 1 and 1000");
		}
		List<Map.Entry<String, Instance>> matching = service.instances.entrySet()
			.stream()
			.filter((entry) -> query.entrySet()
				.stream()
				.allMatch((q) -> q.getValue().equals(entry.getValue().attributes.get(q.getKey()))))
			.toList();
		List<Map.Entry<String, Instance>> healthy = matching.stream()
			.filter((entry) -> "HEALTHY".equals(entry.getValue().health))
			.toList();
		List<Map.Entry<String, Instance>> chosen = switch (filter) {
			case "ALL" -> matching;
			case "UNHEALTHY" ->
				matching.stream().filter((entry) -> !"HEALTHY".equals(entry.getValue().health)).toList();
			case "HEALTHY_OR_ELSE_ALL" -> healthy.isEmpty() ? matching : healthy;
			default -> healthy;
		};
		List<Map<String, Object>> instances = chosen.stream()
			.limit(max)
			.map((entry) -> Map.<String, Object>of("InstanceId", entry.getKey(), "NamespaceName",
					service.namespace.name, "ServiceName", service.name, "HealthStatus", entry.getValue().health,
					"Attributes", entry.getValue().attributes))
			.toList();
		return Map.of("Instances", instances, "InstancesRevision", service.revision.get());
	}

	private Map<String, Object> discoverInstancesRevision(JsonNode request) {
		return Map.of("InstancesRevision", discoveredService(request).revision.get());
	}

	private Service discoveredService(JsonNode request) {
		String namespaceName = request.path("NamespaceName").asText();
		if (this.namespaces.values().stream().noneMatch((namespace) -> namespace.name.equals(namespaceName))) {
			throw new CloudMapError("NamespaceNotFound", "No namespace " + namespaceName);
		}
		Service service = serviceNamed(namespaceName, request.path("ServiceName").asText());
		if (service == null) {
			throw new CloudMapError("ServiceNotFound", "No service " + request.path("ServiceName").asText());
		}
		return service;
	}

	private boolean matchesFilters(JsonNode request, String filterName, String value) {
		for (JsonNode filter : request.path("Filters")) {
			if (filterName.equals(filter.path("Name").asText())) {
				boolean found = false;
				for (JsonNode candidate : filter.path("Values")) {
					found |= value.equals(candidate.asText());
				}
				if (!found) {
					return false;
				}
			}
		}
		return true;
	}

	private Map<String, Object> describe(Service service) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("Id", service.id);
		description.put("Name", service.name);
		description.put("NamespaceId", service.namespace.id);
		description.put("InstanceCount", service.instances.size());
		description.put("Arn", "arn:aws:servicediscovery:us-east-1:123456789012:service/" + service.id);
		if (service.customHealth) {
			description.put("HealthCheckCustomConfig", Map.of("FailureThreshold", 1));
		}
		if (service.dnsConfig != null) {
			description.put("DnsConfig", service.dnsConfig);
		}
		return description;
	}

	private Namespace addNamespace(String name, String type) {
		Namespace namespace = new Namespace("ns-" + this.ids.incrementAndGet(), name, type);
		this.namespaces.put(namespace.id, namespace);
		return namespace;
	}

	private Service addService(Namespace namespace, String name, boolean customHealth) {
		Service service = new Service("srv-" + this.ids.incrementAndGet(), name, namespace, customHealth);
		this.services.put(service.id, service);
		return service;
	}

	private Namespace namespaceNamed(String name) {
		return this.namespaces.values()
			.stream()
			.filter((namespace) -> namespace.name.equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No namespace " + name));
	}

	private Service serviceNamed(String namespaceName, String name) {
		return this.services.values()
			.stream()
			.filter((service) -> service.namespace.name.equals(namespaceName) && service.name.equals(name))
			.findFirst()
			.orElse(null);
	}

	private Service service(String id) {
		Service service = this.services.get(id);
		if (service == null) {
			throw new CloudMapError("ServiceNotFound", "No service " + id);
		}
		return service;
	}

	private String operation(String type, Map<String, String> targets) {
		Operation operation = new Operation("op-" + this.ids.incrementAndGet(), type, targets);
		this.operations.put(operation.id, operation);
		return operation.id;
	}

	private static Map<String, Object> error(String type, String message) {
		return Map.of("__type", type, "Message", message);
	}

	private void respond(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
		byte[] bytes = this.json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	private record Namespace(String id, String name, String type) {
	}

	private static final class Service {

		final String id;

		final String name;

		final Namespace namespace;

		final boolean customHealth;

		final Map<String, Instance> instances = new ConcurrentHashMap<>();

		final AtomicInteger revision = new AtomicInteger(1);

		volatile Map<?, ?> dnsConfig;

		Service(String id, String name, Namespace namespace, boolean customHealth) {
			this.id = id;
			this.name = name;
			this.namespace = namespace;
			this.customHealth = customHealth;
		}

	}

	private static final class Instance {

		final Map<String, String> attributes;

		volatile String health;

		Instance(Map<String, String> attributes, String health) {
			this.attributes = attributes;
			this.health = health;
		}

	}

	private record Operation(String id, String type, Map<String, String> targets, AtomicInteger polls) {

		Operation(String id, String type, Map<String, String> targets) {
			this(id, type, targets, new AtomicInteger());
		}

	}

	private static final class CloudMapError extends RuntimeException {

		final String type;

		CloudMapError(String type, String message) {
			super(message);
			this.type = type;
		}

	}

}
