package io.dnssd.boot;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

class DnsSdSchedulerAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DnsSdSchedulerAutoConfiguration.class));

	@Test
	void oneSchedulerOfDaemonThreadsIsTheDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(DnsSdScheduler.class).doesNotHaveBean(TaskScheduler.class);
			assertThat(context.getBean(DnsSdScheduler.class).taskScheduler())
				.isInstanceOfSatisfying(ThreadPoolTaskScheduler.class, (scheduler) -> {
					assertThat(scheduler.getThreadNamePrefix()).isEqualTo("dnssd-");
					assertThat(scheduler.isDaemon()).isTrue();
					assertThat(scheduler.getScheduledThreadPoolExecutor().getCorePoolSize())
						.isEqualTo(DnsSdScheduler.POOL_SIZE);
				});
		});
	}

	@Test
	void virtualThreadsAreUsedWhereSpringBootUsesThem() {
		boolean virtualThreadsExist = Runtime.version().feature() >= 21;
		this.runner.withPropertyValues("spring.threads.virtual.enabled=true")
			.run((context) -> assertThat(context.getBean(DnsSdScheduler.class).taskScheduler())
				.isInstanceOf(virtualThreadsExist ? SimpleAsyncTaskScheduler.class : ThreadPoolTaskScheduler.class));
	}

	@Test
	void backsOffWhenDnssdIsDisabled() {
		this.runner.withPropertyValues("dnssd.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DnsSdScheduler.class));
	}

}
