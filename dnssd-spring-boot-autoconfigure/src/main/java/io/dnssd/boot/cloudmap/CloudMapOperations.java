package io.dnssd.boot.cloudmap;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import io.dnssd.boot.model.RegistrationFailedException;
import software.amazon.awssdk.services.servicediscovery.ServiceDiscoveryClient;
import software.amazon.awssdk.services.servicediscovery.model.Operation;
import software.amazon.awssdk.services.servicediscovery.model.OperationStatus;

/**
 * Waits for a Cloud Map operation to complete, polling GetOperation with jittered
 * exponential backoff up to the operation timeout.
 */
final class CloudMapOperations {

	private static final Duration FIRST_POLL = Duration.ofMillis(100);

	private static final Duration MAX_POLL = Duration.ofSeconds(2);

	private final Supplier<ServiceDiscoveryClient> client;

	private final Duration timeout;

	CloudMapOperations(Supplier<ServiceDiscoveryClient> client, Duration timeout) {
		this.client = client;
		this.timeout = timeout;
	}

	/**
	 * Waits for an operation.
	 * @param operationId the operation
	 * @param what what the operation does, for messages
	 * @return the completed operation
	 * @throws RegistrationFailedException if it fails or does not complete in time
	 */
	Operation await(String operationId, String what) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		Duration pause = FIRST_POLL;
		while (true) {
			Operation operation = this.client.get()
				.getOperation((request) -> request.operationId(operationId))
				.operation();
			if (operation.status() == OperationStatus.SUCCESS) {
				return operation;
			}
			if (operation.status() == OperationStatus.FAIL) {
				throw new RegistrationFailedException("Cloud Map " + what + " failed (operation " + operationId + "): "
						+ operation.errorCode() + " " + operation.errorMessage());
			}
			if (System.nanoTime() > deadline) {
				throw new RegistrationFailedException(
						"Cloud Map " + what + " did not complete within " + this.timeout + " (operation " + operationId
								+ " is " + operation.statusAsString() + "); raise dnssd.cloud-map.operation-timeout");
			}
			sleep(pause.plusMillis(ThreadLocalRandom.current().nextLong(pause.toMillis() / 2 + 1)));
			pause = (pause.multipliedBy(2).compareTo(MAX_POLL) > 0) ? MAX_POLL : pause.multipliedBy(2);
		}
	}

	private static void sleep(Duration pause) {
		try {
			Thread.sleep(pause.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RegistrationFailedException("Interrupted while waiting for a Cloud Map operation", ex);
		}
	}

}
