package io.dnssd.boot.dns;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceQueryPlannerTests {

	@Test
	void theKubernetesRecipeQueriesSrvForServicesAndAddressesForAHeadlessServiceWithoutPorts() {
		DnsDiscoveryProperties properties = new DnsDiscoveryProperties();
		properties.setLookup(LookupMode.SRV);
		properties.setNameTemplate("_http._tcp.{service}.{domain}");
		DnsDiscoveryProperties.Service pods = new DnsDiscoveryProperties.Service();
		pods.setLookup(LookupMode.ADDRESS);
		pods.setPort(8080);
		properties.getServices().put("pods", pods);
		ServiceQueryPlanner planner = new ServiceQueryPlanner("shop.svc.cluster.local", properties, LookupMode.DNS_SD,
				Set.of());
		assertThat(planner.queryFor("calc"))
			.isEqualTo(new ServiceQuery(LookupMode.SRV, "_http._tcp.calc.shop.svc.cluster.local", true, null));
		assertThat(planner.queryFor("pods"))
			.isEqualTo(new ServiceQuery(LookupMode.ADDRESS, "pods.shop.svc.cluster.local", true, 8080));
	}

	@Test
	void aServiceLookedUpTheGlobalWayUsesTheGlobalTemplate() {
		DnsDiscoveryProperties properties = new DnsDiscoveryProperties();
		properties.setLookup(LookupMode.SRV);
		properties.setNameTemplate("_http._tcp.{service}.{domain}");
		DnsDiscoveryProperties.Service web = new DnsDiscoveryProperties.Service();
		web.setLookup(LookupMode.SRV);
		properties.getServices().put("web", web);
		ServiceQueryPlanner planner = new ServiceQueryPlanner("example.test", properties, LookupMode.DNS_SD, Set.of());
		assertThat(planner.queryFor("web").name()).isEqualTo("_http._tcp.web.example.test");
	}

}
