package io.dnssd.boot.actuate;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.dnssd.boot.registration.RegistrationListener;
import io.dnssd.boot.registration.RegistrationState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Micrometer metrics of registration: the gauge {@value #STATE_GAUGE} (1 for the current
 * state, 0 for the others, tag {@code state}) and the counters {@value #REGISTRATIONS},
 * {@value #WITHDRAWALS} and {@value #FAILURES}.
 */
public class RegistrationMetrics implements RegistrationListener {

	/** Name of the state gauge. */
	public static final String STATE_GAUGE = "dnssd.registration.state";

	/** Name of the counter of successful registrations. */
	public static final String REGISTRATIONS = "dnssd.registration.registrations";

	/** Name of the counter of withdrawals because of health. */
	public static final String WITHDRAWALS = "dnssd.registration.withdrawals";

	/** Name of the counter of failed attempts. */
	public static final String FAILURES = "dnssd.registration.failures";

	private final Map<RegistrationState, AtomicInteger> states = new EnumMap<>(RegistrationState.class);

	private final Counter registrations;

	private final Counter withdrawals;

	private final Counter failures;

	/**
	 * Creates the metrics.
	 * @param registry where meters are registered
	 */
	public RegistrationMetrics(MeterRegistry registry) {
		for (RegistrationState state : RegistrationState.values()) {
			AtomicInteger value = new AtomicInteger((state == RegistrationState.NOT_REGISTERED) ? 1 : 0);
			this.states.put(state, value);
			Gauge.builder(STATE_GAUGE, value, AtomicInteger::get)
				.description("1 for the current registration state")
				.tag("state", state.name().toLowerCase(Locale.ROOT))
				.register(registry);
		}
		this.registrations = Counter.builder(REGISTRATIONS).description("Successful registrations").register(registry);
		this.withdrawals = Counter.builder(WITHDRAWALS).description("Withdrawals because of health").register(registry);
		this.failures = Counter.builder(FAILURES).description("Failed registry calls").register(registry);
	}

	@Override
	public void stateChanged(RegistrationState state) {
		this.states.forEach((candidate, value) -> value.set((candidate == state) ? 1 : 0));
	}

	@Override
	public void registered() {
		this.registrations.increment();
	}

	@Override
	public void withdrawn() {
		this.withdrawals.increment();
	}

	@Override
	public void failed(RuntimeException failure) {
		this.failures.increment();
	}

}
