package io.dnssd.boot.loadbalancer;

import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * Leaves the instances that {@link OutlierDetector outlier ejection} ejected out of the
 * service's whole instance list, directly above the cache, so the filters above it
 * (hints, zone, retry on another instance) and the choice by SRV priority see only the
 * rest: an ejected priority group fails over to the next as if its records were gone.
 * When every instance is ejected, all are handed out (panic mode, as in Envoy). While
 * neither the list nor the ejections change, the same filtered list is handed out again,
 * so the load balancer's prepared choice stays valid.
 */
final class OutlierEjectingSupplier extends DelegatingServiceInstanceListSupplier {

	private final OutlierDetector detector;

	private volatile @Nullable Filtered last;

	/**
	 * Creates the supplier.
	 * @param delegate the supplier of the whole list
	 * @param detector the detector of the service
	 */
	OutlierEjectingSupplier(ServiceInstanceListSupplier delegate, OutlierDetector detector) {
		super(delegate);
		this.detector = detector;
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return getDelegate().get().map(this::available);
	}

	private List<ServiceInstance> available(List<ServiceInstance> all) {
		Filtered last = this.last;
		if (last == null || last.all() != all) {
			this.detector.observe(all);
		}
		Ejections ejections = this.detector.current();
		if (last != null && last.all() == all && last.ejections() == ejections) {
			return last.available();
		}
		List<ServiceInstance> available = ejections.until().isEmpty() ? all
				: all.stream().filter((instance) -> !ejections.contains(instance)).toList();
		Filtered filtered = new Filtered(all, ejections, available.isEmpty() ? all : available);
		this.last = filtered;
		return filtered.available();
	}

	/**
	 * One list filtered.
	 *
	 * @param all the whole list
	 * @param ejections the ejections it was filtered by
	 * @param available what was handed out
	 */
	private record Filtered(List<ServiceInstance> all, Ejections ejections, List<ServiceInstance> available) {

	}

}
