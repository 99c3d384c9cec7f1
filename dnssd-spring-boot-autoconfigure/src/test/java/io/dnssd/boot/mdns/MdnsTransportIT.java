package io.dnssd.boot.mdns;

import java.io.IOException;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
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
		FailingOpener opener = new FailingOpener(2);
		try (MdnsTransport transport = new MdnsTransport(List.of(this.loopback, this.loopback), false, opener)) {
			assertThatIllegalStateException().isThrownBy(transport::probe).withMessageContaining("refused on purpose");
			assertThat(opener.opened).hasSize(1).noneMatch(DatagramChannel::isOpen);
			assertThat(transport.isOpen()).isFalse();

			transport.probe();
			assertThat(transport.isOpen()).isTrue();
			assertThat(transport.endpoints()).hasSize(2);
			assertThat(opener.opened).hasSize(3).filteredOn(DatagramChannel::isOpen).hasSize(2);
		}
		assertThat(opener.opened).noneMatch(DatagramChannel::isOpen);
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

	/**
	 * Opens real channels, but refuses the one with the given number (counted from 1)
	 * once.
	 */
	private static final class FailingOpener implements MdnsTransport.ChannelOpener {

		private final List<DatagramChannel> opened = new ArrayList<>();

		private int refuse;

		FailingOpener(int refuse) {
			this.refuse = refuse;
		}

		@Override
		public DatagramChannel open(StandardProtocolFamily family) throws IOException {
			if (--this.refuse == 0) {
				throw new IOException("refused on purpose");
			}
			DatagramChannel channel = DatagramChannel.open(family);
			this.opened.add(channel);
			return channel;
		}

	}

}
