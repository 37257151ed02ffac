package dev.streamrules.udfs.tree;

import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.util.FlinkRuntimeException;

/**
 * The current host's map state as a {@link NodeStore}; the count lives in {@link HostState}, bound
 * before each use because Flink switches the key under the same state handle.
 */
final class StateNodeStore implements NodeStore {

    private final MapState<String, ProcessNode> nodes;
    private HostState host;

    StateNodeStore(MapState<String, ProcessNode> nodes) {
        this.nodes = nodes;
    }

    void bind(HostState host) {
        this.host = host;
    }

    @Override
    public ProcessNode get(String entityId) {
        try {
            return nodes.get(entityId);
        } catch (Exception e) {
            throw new FlinkRuntimeException("reading process-tree state failed", e);
        }
    }

    @Override
    public void insert(String entityId, ProcessNode node) {
        try {
            nodes.put(entityId, node);
        } catch (Exception e) {
            throw new FlinkRuntimeException("writing process-tree state failed", e);
        }
        host.setNodes(host.getNodes() + 1);
    }

    @Override
    public void replace(String entityId, ProcessNode node) {
        try {
            nodes.put(entityId, node);
        } catch (Exception e) {
            throw new FlinkRuntimeException("writing process-tree state failed", e);
        }
    }

    @Override
    public void remove(String entityId) {
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
        try {
            for (Map.Entry<String, ProcessNode> e : nodes.entries()) {
                action.accept(e.getKey(), e.getValue());
            }
        } catch (Exception e) {
            throw new FlinkRuntimeException("reading process-tree state failed", e);
        }
    }
}
