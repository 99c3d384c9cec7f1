package io.dnssd.boot.mdns;

import java.io.IOException;
import java.net.NetworkInterface;
import java.nio.channels.DatagramChannel;
import java.util.List;

import io.dnssd.boot.testsupport.LoopbackOnlyNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Opening and probing the multicast sockets on loopback, in a namespace that holds only
 * loopback: opening is all-or-nothing, and the probe notices a socket that is gone.
 */
class MdnsTransportIT {

	private NetworkInterface loopback;

	@BeforeEach
	void loopbackOnly() {
		LoopbackOnlyNetwork.require();
		this.loopback = MdnsInterfaces.resolve(List.of()).get(0);
	}

	@Test
	void aFailedOpenClosesWhatItOpenedAndTheNextAttemptOpensEachSocketOnce() {
		FailingChannelOpener opener = new FailingChannelOpener(2);
		try (MdnsTransport transport = new MdnsTransport(List.of(this.loopback, this.loopback), false, opener)) {
			assertThatIllegalStateException().isThrownBy(transport::probe).withMessageContaining("refused on purpose");
			assertThat(opener.opened()).hasSize(1).noneMatch(DatagramChannel::isOpen);
			assertThat(transport.isOpen()).isFalse();

			transport.probe();
			assertThat(transport.isOpen()).isTrue();
			assertThat(transport.endpoints()).hasSize(2);
			assertThat(opener.opened()).hasSize(3).filteredOn(DatagramChannel::isOpen).hasSize(2);
		}
		assertThat(opener.opened()).noneMatch(DatagramChannel::isOpen);
	}

	@Test
	void theProbeFailsOnceASocketIsGoneOrTheTransportIsClosed() throws IOException {
		MdnsTransport transport = new MdnsTransport(List.of(this.loopback), false);
		try {
			transport.probe();
			transport.endpoints().get(0).channel().close();
			assertThatIllegalStateException().isThrownBy(transport::probe).withMessageContaining("is closed");
		}
		finally {
			transport.close();
		}
		assertThatIllegalStateException().isThrownBy(transport::probe).withMessageContaining("closed");
	}

}
