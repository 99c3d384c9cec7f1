package io.dnssd.boot.loadbalancer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ejection state machine on a fake clock.
 */
class OutlierDetectorTests {

	private static final OutlierEjection SETTINGS = new OutlierEjection(5, Duration.ofSeconds(30),
			Duration.ofSeconds(300), 10, Duration.ofSeconds(10));

	private final AtomicLong clock = new AtomicLong(1_000_000_000L);

	private final List<ServiceInstance> three = instances(3);

	private final RecordingListener events = new RecordingListener();

	private final OutlierDetector detector = detector(SETTINGS, this.three);

	@Test
	void anInstanceIsEjectedAtTheConfiguredNumberOfFailuresInARow() {
		fail(this.three.get(0), 4);
		assertThat(this.detector.current().contains(this.three.get(0))).isFalse();
		fail(this.three.get(0), 1);
		assertThat(this.detector.current().contains(this.three.get(0))).isTrue();
		assertThat(this.detector.current().contains(this.three.get(1))).isFalse();
	}

	@Test
	void aSuccessStartsTheCountAgain() {
		fail(this.three.get(0), 4);
		this.detector.succeeded(this.three.get(0));
		fail(this.three.get(0), 4);
		assertThat(this.detector.current().endpoints()).isEmpty();
	}

	@Test
	void anEjectedInstanceComesBackAfterTheBaseEjectionTimeWithItsCountCleared() {
		fail(this.three.get(0), 5);
		advance(Duration.ofSeconds(29));
		assertThat(this.detector.current().contains(this.three.get(0))).isTrue();
		advance(Duration.ofSeconds(1));
		assertThat(this.detector.current().endpoints()).isEmpty();
		fail(this.three.get(0), 4);
		assertThat(this.detector.current().endpoints()).isEmpty();
	}

	@Test
	void ejectionsInARowLastLongerUpToTheMaximum() {
		List<Long> times = IntStream.range(0, 12).mapToObj((i) -> ejectAndTimeIt(this.three.get(0))).toList();
		assertThat(times).startsWith(30L, 60L, 90L, 120L).endsWith(300L, 300L);
	}

	@Test
	void timeBackInTheChoiceShortensTheNextEjection() {
		ejectAndTimeIt(this.three.get(0));
		ejectAndTimeIt(this.three.get(0));
		ejectAndTimeIt(this.three.get(0));
		advance(Duration.ofSeconds(20));
		assertThat(ejectAndTimeIt(this.three.get(0))).isEqualTo(60L);
		advance(Duration.ofMinutes(10));
		assertThat(ejectAndTimeIt(this.three.get(0))).isEqualTo(30L);
	}

	@Test
	void atLeastOneInstanceCanBeEjectedHoweverSmallTheShare() {
		fail(this.three.get(0), 5);
		fail(this.three.get(1), 5);
		assertThat(this.detector.current().endpoints()).containsExactly(Endpoint.of(this.three.get(0)));
	}

	@Test
	void noMoreThanTheShareIsEjected() {
		List<ServiceInstance> twenty = instances(20);
		OutlierDetector detector = detector(SETTINGS, twenty);
		twenty.forEach((instance) -> IntStream.range(0, 5).forEach((i) -> detector.failed(instance)));
		assertThat(detector.current().endpoints()).hasSize(2);
	}

	@Test
	void anotherInstanceIsEjectedOnceAnEjectedOneIsBack() {
		fail(this.three.get(0), 5);
		fail(this.three.get(1), 5);
		advance(Duration.ofSeconds(30));
		fail(this.three.get(1), 1);
		assertThat(this.detector.current().endpoints()).containsExactly(Endpoint.of(this.three.get(1)));
	}

	@Test
	void theSameEjectionsAreHandedOutWhileNothingChanges() {
		fail(this.three.get(0), 5);
		Ejections first = this.detector.current();
		advance(Duration.ofSeconds(1));
		this.detector.succeeded(this.three.get(1));
		assertThat(this.detector.current()).isSameAs(first);
	}

	@Test
	void anInstanceNoLongerInTheServiceIsForgotten() {
		fail(this.three.get(0), 5);
		this.detector.observe(this.three.subList(1, 3));
		assertThat(this.detector.current().endpoints()).isEmpty();
		this.detector.observe(this.three);
		fail(this.three.get(0), 4);
		assertThat(this.detector.current().endpoints()).isEmpty();
	}

	@Test
	void listenersHearOfEveryEjectionAndReturn() {
		fail(this.three.get(0), 5);
		advance(Duration.ofSeconds(30));
		this.detector.current();
		fail(this.three.get(1), 5);
		this.detector.observe(this.three.subList(0, 1));
		assertThat(this.events.events).containsExactly("ejected calc 127.0.0.1:8000 PT30S",
				"returned calc 127.0.0.1:8000", "ejected calc 127.0.0.1:8001 PT30S", "returned calc 127.0.0.1:8001");
	}

	private long ejectAndTimeIt(ServiceInstance instance) {
		fail(instance, 5);
		long seconds = 0;
		while (this.detector.current().contains(instance)) {
			advance(Duration.ofSeconds(1));
			seconds++;
		}
		return seconds;
	}

	private void fail(ServiceInstance instance, int times) {
		IntStream.range(0, times).forEach((i) -> this.detector.failed(instance));
	}

	private void advance(Duration duration) {
		this.clock.addAndGet(duration.toNanos());
	}

	private OutlierDetector detector(OutlierEjection settings, List<ServiceInstance> instances) {
		OutlierDetector detector = new OutlierDetector("calc", settings, this.clock::get, this.events);
		detector.observe(instances);
		return detector;
	}

	static List<ServiceInstance> instances(int count) {
		return IntStream.range(0, count)
			.mapToObj((i) -> (ServiceInstance) new DefaultServiceInstance("calc-" + i, "calc", "127.0.0.1", 8000 + i,
					false))
			.toList();
	}

	static final class RecordingListener implements OutlierEjectionListener {

		final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		public void ejected(String serviceId, String instance, Duration time) {
			this.events.add("ejected " + serviceId + " " + instance + " " + time);
		}

		@Override
		public void returned(String serviceId, String instance) {
			this.events.add("returned " + serviceId + " " + instance);
		}

	}

}
