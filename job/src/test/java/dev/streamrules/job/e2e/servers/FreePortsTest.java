package dev.streamrules.job.e2e.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    /** The kernel reuses a closed probe's port readily; two listeners given one port break a broker. */
    @Test
    void neverHandsOutAPortTwice() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            assertThat(ports.add(FreePorts.next())).as("call %d", i).isTrue();
        }
    }
}
