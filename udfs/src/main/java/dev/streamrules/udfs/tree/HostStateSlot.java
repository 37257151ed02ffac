package dev.streamrules.udfs.tree;

import java.io.IOException;
import org.apache.flink.api.common.state.ValueState;

/**
 * The current host's {@link HostState}, loaded once per event or timer and written back only when
 * it changed. Most events change none of its counts, and on RocksDB (and with the changelog) every
 * write serializes the object, puts it through JNI and logs it: a fifth of the backend's time in a
 * profile of the stream job. The values are compared with those loaded, not the object: on the heap
 * the state hands out the stored object itself, which the operator changes in place.
 */
final class HostStateSlot {

    private final ValueState<HostState> state;
    private boolean existed;
    private int nodes;
    private int waiting;
    private long sweepAt;

    HostStateSlot(ValueState<HostState> state) {
        this.state = state;
    }

    /** The current host's state, a new empty one when it has none. */
    HostState load() throws IOException {
        HostState host = state.value();
        existed = host != null;
        if (host == null) {
            host = new HostState();
        }
        nodes = host.getNodes();
        waiting = host.getWaiting();
        sweepAt = host.getSweepAt();
        return host;
    }

    /** The current host's state as stored, or null; for visits over all hosts, which write nothing. */
    HostState peek() throws IOException {
        return state.value();
    }

    /** Writes {@code host} if it differs from what {@link #load} read; clears the state once it is empty. */
    void save(HostState host) throws IOException {
        if (host.isEmpty()) {
            if (existed) {
                state.clear();
            }
        } else if (!existed
                || host.getNodes() != nodes
                || host.getWaiting() != waiting
                || host.getSweepAt() != sweepAt) {
            state.update(host);
        }
    }
}
