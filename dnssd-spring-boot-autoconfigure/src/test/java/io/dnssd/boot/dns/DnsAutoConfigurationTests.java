package io.dnssd.boot.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;

import io.dnssd.boot.model.InstanceSource;
import io.dnssd.boot.model.Resolution;
import io.dnssd.boot.model.ServiceEnumeration;
import io.dnssd.boot.model.UnresolvableServiceException;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DnsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withPropertyValues("dnssd.backend=dns")
		.withConfiguration(AutoConfigurations.of(DnsAutoConfiguration.class));

	@Test
	void createsAResolverAndAnInstanceSourceByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(Resolver.class).hasSingleBean(InstanceSource.class);
			assertThat(context.getBean(InstanceSource.class).description()).contains("the system's DNS servers");
		});
	}

	@Test
	void resolverAsksTheConfiguredServersInOrder() {
		this.runner.withPropertyValues("dnssd.dns.servers=127.0.0.1:5301,[::1]:5302,localhost").run((context) -> {
			Resolver[] resolvers = ((ExtendedResolver) context.getBean(Resolver.class)).getResolvers();
			assertThat(resolvers).extracting((resolver) -> ((SimpleResolver) resolver).getAddress().getPort())
				.containsExactly(5301, 5302, 53);
		});
	}

	@Test
	void aServiceIdDnsSdCannotLookUpIsUnresolvableNamingTheSetting() {
		this.runner.withPropertyValues("dnssd.dns.servers=127.0.0.1:5301")
			.run((context) -> assertThatExceptionOfType(UnresolvableServiceException.class)
				.isThrownBy(() -> context.getBean(InstanceSource.class).resolve("my_service"))
				.withMessageContaining("dnssd.discovery.lookup")
				.withMessageContaining("my_service"));
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withPropertyValues("dnssd.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(Resolver.class)
				.doesNotHaveBean(InstanceSource.class));
	}

	@Test
	void backsOffWithoutDnsjava() {
		this.runner.withClassLoader(new FilteredClassLoader(Resolver.class))
			.run((context) -> assertThat(context).doesNotHaveBean(InstanceSource.class));
	}

	@Test
	void backsOffWhenUserDefinesResolverAndSource() {
		InstanceSource own = new InstanceSource() {

			@Override
			public Resolution resolve(String serviceId) {
				throw new UnsupportedOperationException();
			}

			@Override
			public ServiceEnumeration enumerate() {
				return new ServiceEnumeration(Set.of(), Duration.ZERO);
			}

			@Override
			public String description() {
				return "own";
			}

		};
		Resolver resolver = new SimpleResolver(new InetSocketAddress("127.0.0.1", 5300));
		this.runner.withBean(InstanceSource.class, () -> own)
			.withBean(Resolver.class, () -> resolver)
			.run((context) -> {
				assertThat(context.getBean(InstanceSource.class)).isSameAs(own);
				assertThat(context.getBean(Resolver.class)).isSameAs(resolver);
			});
	}

	@Test
	void malformedServerFailsStartupNamingTheEntry() {
		this.runner.withPropertyValues("dnssd.dns.servers=127.0.0.1:53,127.0.0.1:99999")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("dnssd.dns.servers[1]")
				.hasMessageContaining("port '99999'"));
	}

	@Test
	void addressLookupWithoutPortFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("dnssd.discovery.services.api.lookup=address")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("dnssd.discovery.services.api.port"));
	}

	@Test
	void unknownPlaceholderFailsStartupNamingTheTemplate() {
		this.runner.withPropertyValues("dnssd.discovery.lookup=srv", "dnssd.discovery.name-template={svc}.consul")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("dnssd.discovery.name-template")
				.hasMessageContaining("{svc}"));
	}

	@Test
	void domainPlaceholderWithoutDomainFailsStartup() {
		this.runner
			.withPropertyValues("dnssd.discovery.services.web.lookup=srv",
					"dnssd.discovery.services.web.name-template={service}.{domain}")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("dnssd.discovery.services.web.name-template")
				.hasMessageContaining("dnssd.domain is not set"));
	}

	@Test
	void serviceNameThatDnsSdCannotCarryFailsStartupNamingIt() {
		this.runner.withPropertyValues("dnssd.discovery.services.my_service.filters.stage=prod")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("dnssd.discovery.services.my_service.lookup")
				.hasMessageContaining("'my_service'"));
	}

}
