package dev.streamrules.udfs.cep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.udfs.alert.Alert;
import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.ecs.EcsEventSerializer;
import dev.streamrules.udfs.ecs.RawRecord;
import dev.streamrules.udfs.ecs.RawRecordSerializer;
import dev.streamrules.udfs.rule.ProcMapsDiscoveryRule;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rule's CEP operator in a test harness: the real {@link CepOperator} with the rule's pattern and
 * alert function, processing time, keyed by host; snapshot and restore on heap and RocksDB.
 */
class RuleCepOperatorTest {

    static Stream<StateBackend> backends() {
        return Stream.of(new HashMapStateBackend(), new EmbeddedRocksDBStateBackend());
    }

    @Test
    void recordsHaveTheirOwnSerializersAndAlertIsAFlinkPojoSoNoKryoIsNeeded() {
        SerializerConfigImpl noGenerics = new SerializerConfigImpl();
        noGenerics.setGenericTypes(false);
        assertThat(TypeInformation.of(EcsEvent.class).createSerializer(noGenerics))
                .isSameAs(EcsEventSerializer.INSTANCE);
        assertThat(TypeInformation.of(Alert.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(TypeInformation.of(RawRecord.class).createSerializer(noGenerics))
                .isSameAs(RawRecordSerializer.INSTANCE);
    }

    @Test
    void emitsOneAlertPerMatchingEventAndNothingForOthers() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, EcsEvent, Alert> harness =
                harness(new HashMapStateBackend())) {
            harness.open();
            harness.processElement(record(event("h1", "e1", "cat", "/proc/1/maps", "bash")));
            harness.processElement(record(event("h1", "e2", "cat", "/proc/1/smaps", "bash")));
            harness.processElement(record(event("h2", "e3", "grep", "/proc/self/maps", "zsh")));
            harness.processElement(record(event("h2", "e4", "grep", "/proc/self/maps", "python3")));

            assertThat(alertedEventIds(harness)).containsExactly("e1", "e3");
            // A single-event pattern buffers nothing between events: per-host CEP state stays at its
            // fixed size however many events (matching or not) go through.
            int perHostState = harness.numKeyedStateEntries();
            for (int i = 0; i < 100; i++) {
                harness.processElement(
                        record(event(i % 2 == 0 ? "h1" : "h2", "x" + i, "cat", "/proc/" + i + "/maps", "bash")));
            }
            assertThat(harness.extractOutputValues()).hasSize(102);
            assertThat(harness.numKeyedStateEntries()).isEqualTo(perHostState);
        }
    }

    @Test
    void alertLeavesImmediatelyWithoutAdvancingTime() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, EcsEvent, Alert> harness =
                harness(new HashMapStateBackend())) {
            harness.open();
            harness.processElement(record(event("h1", "e1", "cat", "/proc/1/maps", "bash")));
            assertThat(harness.extractOutputValues()).hasSize(1);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void restoresFromSnapshotAndKeepsAlerting(StateBackend backend) throws Exception {
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<String, EcsEvent, Alert> harness = harness(backend)) {
            harness.open();
            harness.processElement(record(event("h1", "e1", "cat", "/proc/1/maps", "bash")));
            snapshot = harness.snapshot(1L, 1L);
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, EcsEvent, Alert> restored = harness(backend)) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(record(event("h1", "e2", "grep", "/proc/7/maps", "fish")));
            restored.processElement(record(event("h3", "e3", "tail", "/proc/7/maps", "fish")));
            assertThat(alertedEventIds(restored)).containsExactly("e2");
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, EcsEvent, Alert> harness(StateBackend backend)
            throws Exception {
        TypeSerializer<EcsEvent> serializer =
                TypeInformation.of(EcsEvent.class).createSerializer(new SerializerConfigImpl());
        CepOperator<EcsEvent, String, Alert> operator = new CepOperator<>(
                serializer,
                true,
                NFACompiler.compileFactory(RulePattern.of(ProcMapsDiscoveryRule.RULE_SET), false),
                null,
                AfterMatchSkipStrategy.noSkip(),
                new AlertPatternFunction(ProcMapsDiscoveryRule.RULE_SET),
                null);
        KeyedOneInputStreamOperatorTestHarness<String, EcsEvent, Alert> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        operator, EcsEvent::getHostId, TypeInformation.of(String.class));
        harness.setStateBackend(backend);
        harness.getExecutionConfig().setAutoWatermarkInterval(0);
        return harness;
    }

    private static List<String> alertedEventIds(KeyedOneInputStreamOperatorTestHarness<String, EcsEvent, Alert> h) {
        return h.extractOutputValues().stream()
                .map(a -> EcsEventBuilder.tree(a.getDocument())
                        .at("/kibana/alert/original_event/id")
                        .asText())
                .collect(Collectors.toList());
    }

    private static StreamRecord<EcsEvent> record(EcsEvent event) {
        return new StreamRecord<>(event);
    }

    static EcsEvent event(String host, String id, String name, String arg, String leader) {
        return EcsEventBuilder.exec(host, null)
                .eventId(id)
                .name(name)
                .set("process.args", EcsEventBuilder.array(name, arg))
                .set("process.entry_leader.name", leader)
                .event();
    }
}
