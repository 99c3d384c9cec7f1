package io.dnssd.boot;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The one scheduler of the starter's background work: background refreshes of the
 * discovery cache, registration retries, health polling and multicast DNS timers. Its
 * threads are virtual when {@code spring.threads.virtual.enabled} is {@code true} (Java
 * 21 and later), otherwise a small pool of daemon threads named {@code dnssd-}. It is
 * held by this type rather than published as a {@link TaskScheduler} bean, so that it
 * never becomes the scheduler of the application's own {@code @Scheduled} methods.
 */
public final class DnsSdScheduler implements AutoCloseable {

	/**
	 * Threads of the platform pool: lookups and registry calls may block for a timeout.
	 */
	static final int POOL_SIZE = 4;

	private static final String THREAD_PREFIX = "dnssd-";

	private final TaskScheduler taskScheduler;

	private final AutoCloseable shutdown;

	private DnsSdScheduler(TaskScheduler taskScheduler, AutoCloseable shutdown) {
		this.taskScheduler = taskScheduler;
		this.shutdown = shutdown;
	}

	/**
	 * Creates and starts a scheduler.
	 * @param virtualThreads whether tasks run on virtual threads
	 * @return the scheduler
	 */
	public static DnsSdScheduler create(boolean virtualThreads) {
		if (virtualThreads) {
			SimpleAsyncTaskScheduler scheduler = new SimpleAsyncTaskScheduler();
			scheduler.setVirtualThreads(true);
			scheduler.setThreadNamePrefix(THREAD_PREFIX);
			scheduler.start();
			return new DnsSdScheduler(scheduler, scheduler);
		}
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(POOL_SIZE);
		scheduler.setThreadNamePrefix(THREAD_PREFIX);
		scheduler.setDaemon(true);
		scheduler.setRemoveOnCancelPolicy(true);
		scheduler.initialize();
		return new DnsSdScheduler(scheduler, scheduler::shutdown);
	}

	/**
	 * Returns the scheduler that runs the tasks.
	 * @return the task scheduler
	 */
	public TaskScheduler taskScheduler() {
		return this.taskScheduler;
	}

	@Override
	public void close() throws Exception {
		this.shutdown.close();
	}

}
