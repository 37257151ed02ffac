package dev.streamrules.udfs.tree;

import java.util.Arrays;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.util.FlinkRuntimeException;

/**
 * The current host's map state as a {@link NodeStore}; the count lives in {@link HostState}, bound
 * before each use because Flink switches the key under the same state handle.
 *
 * <p>Between {@link #bind} and {@link #flush} (one event or timer of one host) the store remembers
 * the nodes it read and holds back what was written: learning, resolving and releasing one event
 * read the same few processes again and again (parent, ancestors, leader), and write some of them
 * twice. Each is now read from state at most once and written at most once per event; the map-state
 * look-ups were a fifth of the tree's cost. {@link #forEach} and {@link #flush} write everything held
 * back first, so state never misses a change once the event is handled (snapshots fall between).
 */
final class StateNodeStore implements NodeStore {

    private final MapState<String, ProcessNode> nodes;
    private HostState host;

    // The event's working set, a handful of ids: a linear scan, the strings' cached hashes first. One
    // host's ids share a long prefix, so equals alone reads most of both.
    private String[] ids = new String[8];
    private ProcessNode[] cached = new ProcessNode[8];
    private boolean[] dirty = new boolean[8];
    private int count;

    StateNodeStore(MapState<String, ProcessNode> nodes) {
        this.nodes = nodes;
    }

    /** Starts the work on one host: forgets what was read for another one. */
    void bind(HostState host) {
        this.host = host;
        clearCache();
    }

    @Override
    public ProcessNode get(String entityId) {
        int i = indexOf(entityId);
        if (i >= 0) {
            return cached[i];
        }
        ProcessNode node;
        try {
            node = nodes.get(entityId);
        } catch (Exception e) {
            throw new FlinkRuntimeException("reading process-tree state failed", e);
        }
        remember(entityId, node, false);
        return node;
    }

    @Override
    public void insert(String entityId, ProcessNode node) {
        remember(entityId, node, true);
        host.setNodes(host.getNodes() + 1);
    }

    @Override
    public void replace(String entityId, ProcessNode node) {
        remember(entityId, node, true);
    }

    @Override
    public void remove(String entityId) {
        int i = indexOf(entityId);
        if (i >= 0) {
            cached[i] = null;
            dirty[i] = false;
        }
        try {
            nodes.remove(entityId);
        } catch (Exception e) {
            throw new FlinkRuntimeException("writing process-tree state failed", e);
        }
        host.setNodes(host.getNodes() - 1);
    }

    @Override
    public int size() {
        return host.getNodes();
    }

    @Override
    public void forEach(BiConsumer<String, ProcessNode> action) {
        flush();
        try {
            for (Map.Entry<String, ProcessNode> e : nodes.entries()) {
                action.accept(e.getKey(), e.getValue());
            }
        } catch (Exception e) {
            throw new FlinkRuntimeException("reading process-tree state failed", e);
        }
    }

    /** Writes what was held back to state and forgets what was read: the host's work is done. */
    void flushAndForget() {
        flush();
        clearCache();
    }

    private void flush() {
        try {
            for (int i = 0; i < count; i++) {
                if (dirty[i]) {
                    nodes.put(ids[i], cached[i]);
                    dirty[i] = false;
                }
            }
        } catch (Exception e) {
            throw new FlinkRuntimeException("writing process-tree state failed", e);
        }
    }

    private int indexOf(String entityId) {
        int hash = entityId.hashCode();
        for (int i = 0; i < count; i++) {
            if (ids[i].hashCode() == hash && ids[i].equals(entityId)) {
                return i;
            }
        }
        return -1;
    }

    private void remember(String entityId, ProcessNode node, boolean changed) {
        int i = indexOf(entityId);
        if (i < 0) {
            if (count == ids.length) {
                ids = Arrays.copyOf(ids, count * 2);
                cached = Arrays.copyOf(cached, count * 2);
                dirty = Arrays.copyOf(dirty, count * 2);
            }
            i = count++;
            ids[i] = entityId;
        }
        cached[i] = node;
        dirty[i] |= changed;
    }

    private void clearCache() {
        Arrays.fill(ids, 0, count, null);
        Arrays.fill(cached, 0, count, null);
        Arrays.fill(dirty, 0, count, false);
        count = 0;
    }
}
