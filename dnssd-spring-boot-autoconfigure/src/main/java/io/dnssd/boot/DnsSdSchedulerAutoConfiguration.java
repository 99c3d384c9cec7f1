package io.dnssd.boot;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the {@link DnsSdScheduler} that every part of the starter
 * schedules its background work on.
 */
@AutoConfiguration
@ConditionalOnDnsSdEnabled
public final class DnsSdSchedulerAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	DnsSdScheduler dnssdScheduler(Environment environment) {
		return DnsSdScheduler.create(Threading.VIRTUAL.isActive(environment));
	}

}
