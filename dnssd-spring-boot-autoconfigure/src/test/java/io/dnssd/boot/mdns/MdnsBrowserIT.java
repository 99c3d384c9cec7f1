package io.dnssd.boot.mdns;

import java.net.NetworkInterface;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.dnssd.boot.DnsSdScheduler;
import io.dnssd.boot.model.LookupFailedException;
import io.dnssd.boot.testsupport.LoopbackOnlyNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The browser's continuous querying as another socket on loopback sees it, in a namespace
 * that holds only loopback: a first query that could not be sent is sent later, and a
 * type no longer used is no longer queried.
 */
class MdnsBrowserIT {

	private static final Name TYPE = Name.fromConstantString("_browsed._tcp.local.");

	private final List<Name> queried = new CopyOnWriteArrayList<>();

	private NetworkInterface loopback;

	private DnsSdScheduler scheduler;

	private MdnsTransport listening;

	private MdnsTransport browsing;

	private MdnsTimers timers;

	@BeforeEach
	void listen() {
		LoopbackOnlyNetwork.require();
		this.loopback = MdnsInterfaces.resolve(List.of()).get(0);
		this.scheduler = DnsSdScheduler.create(false);
		this.listening = new MdnsTransport(List.of(this.loopback), false);
		this.listening.addListener((packet) -> {
			if (!packet.isResponse()) {
				for (Record question : packet.message().getSection(Section.QUESTION)) {
					this.queried.add(question.getName());
				}
			}
		});
		this.listening.probe();
		this.timers = new MdnsTimers(this.scheduler.taskScheduler());
	}

	@AfterEach
	void close() throws Exception {
		if (this.timers != null) {
			this.timers.close();
		}
		if (this.browsing != null) {
			this.browsing.close();
		}
		if (this.listening != null) {
			this.listening.close();
		}
		if (this.scheduler != null) {
			this.scheduler.close();
		}
	}

	@Test
	void aFirstQueryThatCouldNotBeSentIsSentLater() {
		this.browsing = new MdnsTransport(List.of(this.loopback), false, new FailingChannelOpener(1));
		MdnsBrowser browser = browser();
		assertThatExceptionOfType(LookupFailedException.class)
			.isThrownBy(() -> browser.resolve(TYPE, Duration.ofMillis(100)))
			.withMessageContaining("could not be sent");
		assertThat(this.queried).doesNotContain(TYPE);
		await().atMost(Duration.ofSeconds(5)).until(() -> this.queried.contains(TYPE));
		assertThat(this.browsing.isOpen()).isTrue();
	}

	@Test
	void aTypeNoLongerBrowsedIsNoLongerQueried() throws InterruptedException {
		this.browsing = new MdnsTransport(List.of(this.loopback), false);
		MdnsBrowser browser = browser();
		browser.resolve(TYPE, Duration.ofMillis(100));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.queried.contains(TYPE));
		browser.stopBrowsing(TYPE);
		int before = count();
		Thread.sleep(3500);
		assertThat(count()).isEqualTo(before);
		browser.resolve(TYPE, Duration.ofMillis(100));
		await().atMost(Duration.ofSeconds(5)).until(() -> count() > before);
	}

	private MdnsBrowser browser() {
		MdnsBrowser browser = new MdnsBrowser(this.browsing, new MdnsCache(Clock.systemUTC()), this.timers,
				Duration.ofMinutes(1), false);
		this.browsing.addListener(browser);
		return browser;
	}

	private int count() {
		return (int) this.queried.stream().filter(TYPE::equals).count();
	}

}
