package dev.streamrules.udfs.tree;

import java.util.function.BiConsumer;

/**
 * Storage of one host's nodes, by entity id. The Flink operator backs it with keyed map state (the
 * current key is the host); tests use a map. {@link ProcessTree} always reads before it writes, so it
 * tells the store whether an id is new, and the store can keep its size without extra lookups.
 */
public interface NodeStore {

    /** The node, or {@code null}. */
    ProcessNode get(String entityId);

    /** Adds a node for an id that has none. */
    void insert(String entityId, ProcessNode node);

    /** Replaces the node of an id that has one. */
    void replace(String entityId, ProcessNode node);

    /** Removes the node of an id that has one. */
    void remove(String entityId);

    /** Number of nodes. */
    int size();

    /** Visits every node; the action must not change the store. */
    void forEach(BiConsumer<String, ProcessNode> action);
}
