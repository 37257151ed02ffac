package dev.streamrules.udfs.tree;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/** A {@link NodeStore} on a map, for testing the core without Flink; checks the tree's promises. */
final class InMemoryNodeStore implements NodeStore {

    final Map<String, ProcessNode> nodes = new LinkedHashMap<>();
    int writes;
    int reads;

    @Override
    public ProcessNode get(String entityId) {
        reads++;
        return nodes.get(entityId);
    }

    @Override
    public void insert(String entityId, ProcessNode node) {
        if (nodes.putIfAbsent(entityId, node) != null) {
            throw new AssertionError("insert of existing " + entityId);
        }
        writes++;
    }

    @Override
    public void replace(String entityId, ProcessNode node) {
        if (nodes.replace(entityId, node) == null) {
            throw new AssertionError("replace of missing " + entityId);
        }
        writes++;
    }

    @Override
    public void remove(String entityId) {
        if (nodes.remove(entityId) == null) {
            throw new AssertionError("remove of missing " + entityId);
        }
    }

    @Override
    public int size() {
        return nodes.size();
    }

    @Override
    public void forEach(BiConsumer<String, ProcessNode> action) {
        Map.copyOf(nodes).forEach(action);
    }
}
