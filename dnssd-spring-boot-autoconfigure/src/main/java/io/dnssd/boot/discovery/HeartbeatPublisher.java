package io.dnssd.boot.discovery;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.event.HeartbeatEvent;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes a {@link HeartbeatEvent} whenever a service in use changes its set of
 * instances; the event's value counts the changes.
 */
public class HeartbeatPublisher implements InstanceCacheListener {

	private final ApplicationEventPublisher publisher;

	private final AtomicLong changes = new AtomicLong();

	/**
	 * Creates a publisher.
	 * @param publisher where events go
	 */
	public HeartbeatPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void changed(String serviceId, List<ServiceInstance> instances) {
		this.publisher.publishEvent(new HeartbeatEvent(this, this.changes.incrementAndGet()));
	}

}
