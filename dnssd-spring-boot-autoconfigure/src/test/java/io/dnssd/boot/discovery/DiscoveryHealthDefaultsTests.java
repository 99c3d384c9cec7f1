package io.dnssd.boot.discovery;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's default for Spring Cloud's discovery health indicators, through a real
 * {@link SpringApplication} so that {@code spring.factories} is read.
 */
class DiscoveryHealthDefaultsTests {

	@Test
	void discoveryHealthProbesByDefault() {
		assertThat(useServicesQuery()).isEqualTo("false");
	}

	@Test
	void theApplicationsOwnSettingWins() {
		assertThat(useServicesQuery("--" + DiscoveryHealthDefaults.USE_SERVICES_QUERY + "=true")).isEqualTo("true");
	}

	@Test
	void nothingIsAddedWhenTheStarterIsDisabled() {
		assertThat(useServicesQuery("--dnssd.enabled=false")).isNull();
	}

	private static String useServicesQuery(String... args) {
		SpringApplication application = new SpringApplication(Empty.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run(args)) {
			return context.getEnvironment().getProperty(DiscoveryHealthDefaults.USE_SERVICES_QUERY);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
