package org.vsekai.backpack.launcher.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void aPortSomeoneListensOnIsNotFree() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThat(FreePorts.isFree(taken.getLocalPort())).isFalse();
        }
    }

    @Test
    void skipsABlockWithATakenPort() throws IOException {
        int base = FreePorts.findConsecutive(20_000, 5);
        assertThat(base).isGreaterThanOrEqualTo(20_000);
        try (ServerSocket taken = new ServerSocket(base + 2)) {
            int next = FreePorts.findConsecutive(base, 5);

            assertThat(next).isGreaterThanOrEqualTo(base + 5);
            for (int port = next; port < next + 5; port++) {
                assertThat(FreePorts.isFree(port)).as("port %d", port).isTrue();
            }
        }
    }
}
