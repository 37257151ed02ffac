package dev.streamrules.udfs.tree;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrules.udfs.ecs.EcsEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** Builds operator harnesses (Kryo disabled) and reads their state and output. */
final class Harnesses {

    static final int MAX_PARALLELISM = 128;

    private static final ObjectMapper JSON = new ObjectMapper();

    enum Backend {
        HEAP,
        ROCKSDB;

        StateBackend create() {
            return this == HEAP ? new HashMapStateBackend() : new EmbeddedRocksDBStateBackend();
        }
    }

    private Harnesses() {}

    static KeyedOneInputStreamOperatorTestHarness<String, EcsEvent, EcsEvent> create(
            ProcessTreeSettings settings, Backend backend) throws Exception {
        return create(settings, backend, 1, 0);
    }

    static KeyedOneInputStreamOperatorTestHarness<String, EcsEvent, EcsEvent> create(
            ProcessTreeSettings settings, Backend backend, int parallelism, int subtask) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, EcsEvent, EcsEvent> h =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new ProcessTreeOperator(settings),
                        EcsEvent::getHostId,
                        Types.STRING,
                        MAX_PARALLELISM,
                        parallelism,
                        subtask);
        // pipeline.generic-types: false — any Kryo fallback fails the test
        ((SerializerConfigImpl) h.getExecutionConfig().getSerializerConfig()).setGenericTypes(false);
        h.setStateBackend(backend.create());
        h.setup(TypeInformation.of(EcsEvent.class)
                .createSerializer(h.getExecutionConfig().getSerializerConfig()));
        return h;
    }

    /** The keyed state backend actually in use, e.g. to prove a RocksDB test ran on RocksDB. */
    static String backendType(KeyedOneInputStreamOperatorTestHarness<String, EcsEvent, EcsEvent> h) {
        return h.getOperator().getKeyedStateBackend().getClass().getSimpleName();
    }

    static ProcessTreeOperator operator(KeyedOneInputStreamOperatorTestHarness<String, EcsEvent, EcsEvent> h) {
        return (ProcessTreeOperator) h.getOperator();
    }

    /** Output so far, then forgets it. */
    static List<EcsEvent> drain(KeyedOneInputStreamOperatorTestHarness<String, EcsEvent, EcsEvent> h) {
        List<EcsEvent> out = new ArrayList<>(h.extractOutputValues());
        h.getOutput().clear();
        return out;
    }

    /** The host's tree as stored in keyed state. */
    static Map<String, ProcessNode> nodes(
            KeyedOneInputStreamOperatorTestHarness<String, EcsEvent, EcsEvent> h, String host) throws Exception {
        KeyedStateBackend<String> backend = h.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(host);
        MapState<String, ProcessNode> state = backend.getPartitionedState(
                VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, ProcessTreeState.NODES);
        Map<String, ProcessNode> out = new LinkedHashMap<>();
        for (Map.Entry<String, ProcessNode> e : state.entries()) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** Hosts that have any keyed state at all, across all of the operator's states (any backend). */
    static long keysWithState(KeyedOneInputStreamOperatorTestHarness<String, EcsEvent, EcsEvent> h) {
        KeyedStateBackend<String> backend = h.getOperator().getKeyedStateBackend();
        try (Stream<String> keys = backend.getKeys(
                List.of(
                        ProcessTreeState.NODES.getName(),
                        ProcessTreeState.WAITING.getName(),
                        ProcessTreeState.HOST.getName()),
                VoidNamespace.INSTANCE)) {
            return keys.distinct().count();
        }
    }

    static JsonNode processTree(EcsEvent e) throws Exception {
        return JSON.readTree(e.getEnrichment()).get(ProcessTreeEnricher.NAMESPACE);
    }

    static EcsEvent only(List<EcsEvent> events, String entityId) {
        List<EcsEvent> found = events.stream()
                .filter(e -> entityId.equals(e.first("process.entity_id")))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError(
                    "expected one output event of " + entityId + ", found " + found.size() + " in " + events);
        }
        return found.get(0);
    }

    static String leaderName(EcsEvent e) {
        return e.first("process.entry_leader.name");
    }
}
