package io.dnssd.boot.discovery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.dnssd.boot.DnsSdScheduler;
import io.dnssd.boot.actuate.DiscoveryMetrics;
import io.dnssd.boot.loadbalancer.CachedInstanceListSupplier;
import io.dnssd.boot.loadbalancer.PriorityWeightedLoadBalancer;
import io.dnssd.boot.model.Attributes;
import io.dnssd.boot.model.Instance;
import io.dnssd.boot.model.InstanceSource;
import io.dnssd.boot.model.Resolution;
import io.dnssd.boot.model.ServiceEnumeration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.simple.InstanceProperties;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryClient;
import org.springframework.cloud.client.discovery.simple.SimpleDiscoveryProperties;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.cache.CaffeineBasedLoadBalancerCacheManager;
import org.springframework.cloud.loadbalancer.cache.LoadBalancerCacheProperties;
import org.springframework.cloud.loadbalancer.core.CachingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.DiscoveryClientServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.RoundRobinLoadBalancer;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.ServiceInstanceListSuppliers;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The hot path of a caller: {@code DiscoveryClient.getInstances} and one load-balancer
 * choice for a cached service, ours against Spring Cloud's {@link SimpleDiscoveryClient}
 * and its default {@link RoundRobinLoadBalancer}, both over a fixed list of the same
 * instances (the floor) and over Spring Cloud's default supplier chain (its caching
 * supplier, on Caffeine as Spring Cloud recommends, over the discovery client). Ours runs
 * with a Micrometer registry (as with Actuator) and without one, and in a cache that
 * holds 1,000 other services. Run with {@code benchmarks/hot-path.sh}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HotPathBenchmark {

	private static final String SERVICE = "calc";

	private static final int OTHER_SERVICES = 999;

	@Benchmark
	public List<ServiceInstance> simpleGetInstances(Services services) {
		return services.simple.getInstances(SERVICE);
	}

	@Benchmark
	public List<ServiceInstance> oursGetInstances(Services services) {
		return services.ours.getInstances(SERVICE);
	}

	@Benchmark
	public List<ServiceInstance> oursGetInstancesWithoutMetrics(Services services) {
		return services.oursWithoutMetrics.getInstances(SERVICE);
	}

	@Benchmark
	public List<ServiceInstance> oursGetInstancesAmong1000Services(Services services) {
		return services.oursCrowded.getInstances(SERVICE);
	}

	@Benchmark
	public Response<ServiceInstance> roundRobinChoose(Services services) {
		return services.roundRobin.choose(services.request).block();
	}

	@Benchmark
	public Response<ServiceInstance> springDefaultChoose(Services services) {
		return services.springDefault.choose(services.request).block();
	}

	@Benchmark
	public Response<ServiceInstance> oursChoose(Services services) {
		return services.oursBalancer.choose(services.request).block();
	}

	@Benchmark
	public Response<ServiceInstance> oursChooseAmong1000Services(Services services) {
		return services.oursCrowdedBalancer.choose(services.request).block();
	}

	/**
	 * Both implementations over the same instances.
	 */
	@State(Scope.Benchmark)
	public static class Services {

		@Param({ "3", "300", "2000", "10000" })
		int instances;

		private final List<AutoCloseable> closing = new ArrayList<>();

		SimpleDiscoveryClient simple;

		RoundRobinLoadBalancer roundRobin;

		RoundRobinLoadBalancer springDefault;

		DnsSdDiscoveryClient ours;

		DnsSdDiscoveryClient oursWithoutMetrics;

		DnsSdDiscoveryClient oursCrowded;

		PriorityWeightedLoadBalancer oursBalancer;

		PriorityWeightedLoadBalancer oursCrowdedBalancer;

		final Request<?> request = new DefaultRequest<>();

		@Setup(Level.Trial)
		public void setUp() {
			List<Instance> instances = instances(this.instances);
			SimpleDiscoveryProperties properties = new SimpleDiscoveryProperties();
			List<InstanceProperties> simpleInstances = new ArrayList<>();
			List<ServiceInstance> sameInstances = new ArrayList<>();
			for (Instance instance : instances) {
				ServiceInstance mapped = ServiceInstanceMapper.toServiceInstance(SERVICE, instance);
				InstanceProperties simple = new InstanceProperties();
				simple.setInstanceId(mapped.getInstanceId());
				simple.setServiceId(SERVICE);
				simple.setHost(mapped.getHost());
				simple.setPort(mapped.getPort());
				simple.setMetadata(mapped.getMetadata());
				simpleInstances.add(simple);
				sameInstances.add(mapped);
			}
			properties.setInstances(Map.of(SERVICE, simpleInstances));
			this.simple = new SimpleDiscoveryClient(properties);
			ServiceInstanceListSupplier fixed = ServiceInstanceListSuppliers.from(SERVICE,
					sameInstances.toArray(new ServiceInstance[0]));
			this.roundRobin = new RoundRobinLoadBalancer(provider(fixed), SERVICE);
			StandardEnvironment environment = new StandardEnvironment();
			environment.getPropertySources()
				.addFirst(new MapPropertySource("client", Map.of("loadbalancer.client.name", SERVICE)));
			ServiceInstanceListSupplier cached = new CachingServiceInstanceListSupplier(
					new DiscoveryClientServiceInstanceListSupplier(this.simple, environment),
					new CaffeineBasedLoadBalancerCacheManager(new LoadBalancerCacheProperties()));
			this.springDefault = new RoundRobinLoadBalancer(provider(cached), SERVICE);

			StaticSource source = new StaticSource(Map.of(SERVICE, instances));
			InstanceCache cache = cache(source, List.of(new DiscoveryMetrics(new SimpleMeterRegistry())));
			this.ours = client(cache, source);
			this.oursBalancer = new PriorityWeightedLoadBalancer(
					provider(new CachedInstanceListSupplier(SERVICE, cache)), SERVICE);
			this.oursWithoutMetrics = client(cache(source, List.of()), source);

			Map<String, List<Instance>> crowd = new HashMap<>();
			crowd.put(SERVICE, instances);
			List<Instance> three = instances(3);
			for (int i = 0; i < OTHER_SERVICES; i++) {
				crowd.put("service-" + i, three);
			}
			StaticSource crowdSource = new StaticSource(crowd);
			InstanceCache crowdCache = cache(crowdSource, List.of(new DiscoveryMetrics(new SimpleMeterRegistry())));
			crowd.keySet().forEach(crowdCache::getInstances);
			this.oursCrowded = client(crowdCache, crowdSource);
			this.oursCrowdedBalancer = new PriorityWeightedLoadBalancer(
					provider(new CachedInstanceListSupplier(SERVICE, crowdCache)), SERVICE);
			for (DnsSdDiscoveryClient client : List.of(this.ours, this.oursWithoutMetrics, this.oursCrowded)) {
				if (client.getInstances(SERVICE).size() != this.instances) {
					throw new IllegalStateException("The cache does not serve every instance");
				}
			}
		}

		@TearDown(Level.Trial)
		public void tearDown() throws Exception {
			for (AutoCloseable closeable : this.closing) {
				closeable.close();
			}
		}

		private InstanceCache cache(InstanceSource source, List<InstanceCacheListener> listeners) {
			DnsSdScheduler scheduler = DnsSdScheduler.create(false);
			this.closing.add(scheduler);
			CacheSettings settings = new CacheSettings(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1),
					Duration.ofHours(1));
			InstanceCache cache = new InstanceCache(source, settings,
					(serviceId) -> InstanceFilter.of(Map.of(), Map.of()), listeners, scheduler.taskScheduler(),
					new InstanceLimits(100_000, 4096));
			this.closing.add(cache);
			return cache;
		}

		private static DnsSdDiscoveryClient client(InstanceCache cache, InstanceSource source) {
			return new DnsSdDiscoveryClient(cache, new ServiceEnumerationCache(source,
					new CacheSettings(Duration.ofHours(1), Duration.ofHours(1), Duration.ZERO, Duration.ofHours(1)),
					Clock.systemUTC()), source, 0);
		}

		private static <T> ObjectProvider<T> provider(T bean) {
			DefaultListableBeanFactory factory = new DefaultListableBeanFactory();
			factory.registerSingleton("bean", bean);
			@SuppressWarnings("unchecked")
			Class<T> type = (Class<T>) ServiceInstanceListSupplier.class;
			return factory.getBeanProvider(type);
		}

		private static List<Instance> instances(int count) {
			List<Instance> instances = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String host = "10." + ((i >> 16) & 255) + "." + ((i >> 8) & 255) + "." + (i & 255);
				instances.add(new Instance(SERVICE + "-" + i, host, 8080, false, 10, 1 + (i % 5),
						Attributes.of(Map.of("version", "1.0.0", "stage", "demo"))));
			}
			return instances;
		}

	}

	/**
	 * A source that always answers the same instances, cached for an hour.
	 */
	static final class StaticSource implements InstanceSource {

		private final Map<String, List<Instance>> instances;

		StaticSource(Map<String, List<Instance>> instances) {
			this.instances = instances;
		}

		@Override
		public Resolution resolve(String serviceId) {
			return new Resolution(this.instances.getOrDefault(serviceId, List.of()), Duration.ofHours(1));
		}

		@Override
		public ServiceEnumeration enumerate() {
			return new ServiceEnumeration(Set.copyOf(this.instances.keySet()), Duration.ofHours(1));
		}

		@Override
		public String description() {
			return "static";
		}

	}

}
