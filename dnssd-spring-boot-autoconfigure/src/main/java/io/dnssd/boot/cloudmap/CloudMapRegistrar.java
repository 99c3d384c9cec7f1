package io.dnssd.boot.cloudmap;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.dnssd.boot.cloudmap.CloudMapServices.ServiceInfo;
import io.dnssd.boot.model.Registrar;
import io.dnssd.boot.model.RegistrationFailedException;
import io.dnssd.boot.model.RegistryTraits;
import io.dnssd.boot.model.RegistryUnreachableException;
import io.dnssd.boot.model.ServiceRegistration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.CustomHealthNotFoundException;
import software.amazon.awssdk.services.servicediscovery.model.CustomHealthStatus;
import software.amazon.awssdk.services.servicediscovery.model.InstanceNotFoundException;

/**
 * {@link Registrar} on AWS Cloud Map: RegisterInstance with the address, port and
 * attributes (idempotent: a stable instance id, a new CreatorRequestId each time),
 * waiting for the operation. With a custom health check the instance starts UNHEALTHY and
 * is reported HEALTHY once the application is ready; withdrawal reports UNHEALTHY.
 * Without one, withdrawal deregisters the instance and restoration registers it again. A
 * refresh asks for the instance by id and registers it again if it is gone.
 */
final class CloudMapRegistrar implements Registrar {

	private static final RegistryTraits TRAITS = new RegistryTraits(null, null, CloudMapAttributes::validate, true);

	private static final Log logger = LogFactory.getLog(CloudMapRegistrar.class);

	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

	private final Supplier<ServiceDiscoveryClient> client;

	private final CloudMapServices services;

	private final CloudMapOperations operations;

	private final String description;

	CloudMapRegistrar(Supplier<ServiceDiscoveryClient> client, CloudMapServices services, CloudMapOperations operations,
			String description) {
		this.client = client;
		this.services = services;
		this.operations = operations;
		this.description = description;
	}

	@Override
	public void register(ServiceRegistration registration) {
		String name = registration.service().name();
		String instanceId = CloudMapAttributes.instanceId(registration);
		call("registration of instance '" + instanceId + "' in service '" + name + "'", () -> {
			ServiceInfo service = this.services.service(name);
			Map<String, String> attributes = CloudMapAttributes.of(registration, service.customHealth());
			String operationId = this.client.get()
				.registerInstance((request) -> request.serviceId(service.id())
					.instanceId(instanceId)
					.creatorRequestId(UUID.randomUUID().toString())
					.attributes(attributes))
				.operationId();
			this.operations.await(operationId, "registration of instance '" + instanceId + "'");
		});
	}

	/**
	 * Asks for the instance by id (GetInstance) and registers it again if Cloud Map no
	 * longer has it; a registration that is there keeps its health status untouched.
	 */
	@Override
	public boolean refresh(ServiceRegistration registration) {
		String name = registration.service().name();
		String instanceId = CloudMapAttributes.instanceId(registration);
		boolean missing = call("check of instance '" + instanceId + "' in service '" + name + "'", () -> {
			ServiceInfo service = this.services.service(name);
			try {
				this.client.get().getInstance((request) -> request.serviceId(service.id()).instanceId(instanceId));
				return false;
			}
			catch (InstanceNotFoundException ex) {
				return true;
			}
		});
		if (missing) {
			register(registration);
		}
		return missing;
	}

	@Override
	public void ready(ServiceRegistration registration) {
		String name = registration.service().name();
		String instanceId = CloudMapAttributes.instanceId(registration);
		call("health report of instance '" + instanceId + "'", () -> {
			ServiceInfo service = this.services.service(name);
			if (service.customHealth()) {
				reportHealth(name, service, instanceId, CustomHealthStatus.HEALTHY);
			}
		});
	}

	@Override
	public void deregister(ServiceRegistration registration) {
		String name = registration.service().name();
		String instanceId = CloudMapAttributes.instanceId(registration);
		call("deregistration of instance '" + instanceId + "' from service '" + name + "'", () -> {
			ServiceInfo service = this.services.service(name);
			try {
				String operationId = this.client.get()
					.deregisterInstance((request) -> request.serviceId(service.id()).instanceId(instanceId))
					.operationId();
				this.operations.await(operationId, "deregistration of instance '" + instanceId + "'");
			}
			catch (InstanceNotFoundException ex) {
				logger.debug("Instance '" + instanceId + "' of '" + name + "' was not registered: nothing to remove");
			}
		});
	}

	@Override
	public void withdraw(ServiceRegistration registration) {
		String name = registration.service().name();
		ServiceInfo service = call("lookup of service '" + name + "'", () -> this.services.service(name));
		if (!service.customHealth()) {
			deregister(registration);
			return;
		}
		String instanceId = CloudMapAttributes.instanceId(registration);
		call("health report of instance '" + instanceId + "'", () -> {
			if (!reportHealth(name, service, instanceId, CustomHealthStatus.UNHEALTHY)) {
				deregister(registration);
			}
		});
	}

	/**
	 * Lists one namespace: any answer but a 5xx says Cloud Map is up.
	 */
	@Override
	public Optional<Boolean> answers() {
		try {
			this.client.get()
				.listNamespaces((request) -> request.maxResults(1)
					.overrideConfiguration((override) -> override.apiCallTimeout(PROBE_TIMEOUT)));
			return Optional.of(true);
		}
		catch (SdkException ex) {
			return Optional.of(!unreachable(ex));
		}
	}

	@Override
	public RegistryTraits traits() {
		return TRAITS;
	}

	@Override
	public String description() {
		return this.description;
	}

	/**
	 * Reports custom health; returns whether the service accepted it.
	 * @param name the service name
	 * @param service the service
	 * @param instanceId the instance
	 * @param status the status to report
	 * @return {@code false} if the service has no custom health check
	 */
	private boolean reportHealth(String name, ServiceInfo service, String instanceId, CustomHealthStatus status) {
		try {
			this.client.get()
				.updateInstanceCustomHealthStatus(
						(request) -> request.serviceId(service.id()).instanceId(instanceId).status(status));
			return true;
		}
		catch (CustomHealthNotFoundException ex) {
			logger.warn("Cloud Map service '" + name + "' has no custom health check; health changes withdraw the "
					+ "instance by deregistering it instead");
			this.services.noCustomHealth(name);
			return false;
		}
	}

	private void call(String what, Runnable action) {
		call(what, () -> {
			action.run();
			return null;
		});
	}

	private <T> T call(String what, Supplier<T> action) {
		try {
			return action.get();
		}
		catch (SdkException ex) {
			String message = "Cloud Map " + what + " in " + this.description + " failed: " + ex.getMessage();
			throw unreachable(ex) ? new RegistryUnreachableException(message, ex)
					: new RegistrationFailedException(message, ex);
		}
	}

	/**
	 * Whether a failure says Cloud Map could not be reached or is unavailable, rather
	 * than that it refused the call.
	 * @param ex the failure
	 * @return whether no answer, or a 5xx, came back
	 */
	private static boolean unreachable(SdkException ex) {
		return (ex instanceof SdkClientException)
				|| (ex instanceof AwsServiceException service && service.statusCode() >= 500);
	}

}
