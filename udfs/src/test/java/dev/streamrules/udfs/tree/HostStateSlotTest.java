package dev.streamrules.udfs.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.flink.api.common.state.ValueState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The host's state is written exactly when an event changed it, and cleared once it is empty, whether
 * the backend hands out copies (RocksDB) or the stored object itself (the heap).
 */
class HostStateSlotTest {

    /** A value state that counts writes; {@code copies} as RocksDB does, else the stored object as the heap. */
    private static final class CountingState implements ValueState<HostState> {
        private final boolean copies;
        private HostState stored;
        int updates;
        int clears;

        CountingState(boolean copies, HostState stored) {
            this.copies = copies;
            this.stored = stored;
        }

        @Override
        public HostState value() {
            if (stored == null || !copies) {
                return stored;
            }
            HostState copy = new HostState();
            copy.setNodes(stored.getNodes());
            copy.setWaiting(stored.getWaiting());
            copy.setSweepAt(stored.getSweepAt());
            return copy;
        }

        @Override
        public void update(HostState value) {
            stored = value;
            updates++;
        }

        @Override
        public void clear() {
            stored = null;
            clears++;
        }
    }

    private static HostState host(int nodes, int waiting, long sweepAt) {
        HostState host = new HostState();
        host.setNodes(nodes);
        host.setWaiting(waiting);
        host.setSweepAt(sweepAt);
        return host;
    }

    static Stream<Arguments> cases() {
        Consumer<HostState> nothing = h -> {};
        Consumer<HostState> emptied = h -> {
            h.setNodes(0);
            h.setWaiting(0);
            h.setSweepAt(0);
        };
        return Stream.of(true, false)
                .flatMap(copies -> Stream.of(
                        Arguments.of(copies, host(3, 0, 100), nothing, 0, 0),
                        Arguments.of(copies, host(3, 0, 100), (Consumer<HostState>) h -> h.setNodes(4), 1, 0),
                        Arguments.of(copies, host(3, 0, 100), (Consumer<HostState>) h -> h.setWaiting(1), 1, 0),
                        Arguments.of(copies, host(3, 0, 100), (Consumer<HostState>) h -> h.setSweepAt(200), 1, 0),
                        Arguments.of(copies, host(3, 0, 100), emptied, 0, 1),
                        Arguments.of(copies, null, nothing, 0, 0),
                        Arguments.of(copies, null, (Consumer<HostState>) h -> h.setNodes(1), 1, 0)));
    }

    @ParameterizedTest(name = "copies={0}, stored={1}, writes {3}, clears {4}")
    @MethodSource("cases")
    void writesOnlyWhatChanged(boolean copies, HostState stored, Consumer<HostState> event, int updates, int clears)
            throws Exception {
        CountingState state = new CountingState(copies, stored);
        HostStateSlot slot = new HostStateSlot(state);
        HostState host = slot.load();
        event.accept(host);
        slot.save(host);
        assertThat(state.updates).as("writes").isEqualTo(updates);
        assertThat(state.clears).as("clears").isEqualTo(clears);
        HostState after = state.value();
        if (host.isEmpty()) {
            assertThat(after).isNull();
        } else {
            assertThat(after).isNotNull();
            assertThat(after.getNodes()).isEqualTo(host.getNodes());
            assertThat(after.getWaiting()).isEqualTo(host.getWaiting());
            assertThat(after.getSweepAt()).isEqualTo(host.getSweepAt());
        }
    }
}
