package io.dnssd.boot.loadbalancer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ejected instances left out of the list the load balancer chooses from.
 */
class OutlierEjectingSupplierTests {

	private final AtomicLong clock = new AtomicLong();

	private final OutlierDetector detector = new OutlierDetector("calc",
			new OutlierEjection(2, Duration.ofSeconds(30), Duration.ofSeconds(300), 50, Duration.ofSeconds(10)),
			this.clock::get, new OutlierDetectorTests.RecordingListener());

	private final List<ServiceInstance> instances = List.of(instance(0, 10), instance(1, 10), instance(2, 20),
			instance(3, 20));

	private final OutlierEjectingSupplier supplier = new OutlierEjectingSupplier(new FixedSupplier(this.instances),
			this.detector);

	@Test
	void handsOutTheWholeListWhileNothingIsEjected() {
		assertThat(list()).isSameAs(this.instances);
	}

	@Test
	void leavesAnEjectedInstanceOutAndHandsOutTheSameListUntilSomethingChanges() {
		list();
		eject(this.instances.get(0));
		List<ServiceInstance> first = list();
		assertThat(first).containsExactly(this.instances.get(1), this.instances.get(2), this.instances.get(3));
		assertThat(list()).isSameAs(first);
		this.clock.addAndGet(Duration.ofSeconds(30).toNanos());
		assertThat(list()).isSameAs(this.instances);
	}

	@Test
	void anEjectedPriorityGroupFailsOverToTheNext() {
		list();
		eject(this.instances.get(0));
		eject(this.instances.get(1));
		List<ServiceInstance> available = list();
		Random random = new Random(7);
		assertThat(IntStream.range(0, 100)
			.mapToObj((i) -> Rfc2782Selector.select(available, random).orElseThrow().getPort())
			.distinct()).containsExactlyInAnyOrder(8002, 8003);
	}

	@Test
	void whenEveryInstanceIsEjectedAllAreHandedOut() {
		OutlierDetector detector = new OutlierDetector("calc",
				new OutlierEjection(1, Duration.ofSeconds(30), Duration.ofSeconds(300), 100, Duration.ofSeconds(10)),
				this.clock::get, new OutlierDetectorTests.RecordingListener());
		OutlierEjectingSupplier supplier = new OutlierEjectingSupplier(new FixedSupplier(this.instances), detector);
		supplier.get().blockFirst();
		this.instances.forEach(detector::failed);
		assertThat(detector.current().endpoints()).hasSize(4);
		assertThat(supplier.get().blockFirst()).isSameAs(this.instances);
	}

	private void eject(ServiceInstance instance) {
		this.detector.failed(instance);
		this.detector.failed(instance);
	}

	private List<ServiceInstance> list() {
		return this.supplier.get().blockFirst();
	}

	private static ServiceInstance instance(int index, int priority) {
		return new DefaultServiceInstance("calc-" + index, "calc", "127.0.0.1", 8000 + index, false,
				Map.of("priority", String.valueOf(priority), "weight", "1"));
	}

	/**
	 * Hands out one list, as the cache does while a service's instances stay the same.
	 */
	private record FixedSupplier(List<ServiceInstance> instances) implements ServiceInstanceListSupplier {

		@Override
		public String getServiceId() {
			return "calc";
		}

		@Override
		public Flux<List<ServiceInstance>> get() {
			return Flux.just(this.instances);
		}

	}

}
