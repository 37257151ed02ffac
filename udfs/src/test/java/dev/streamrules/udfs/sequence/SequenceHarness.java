package dev.streamrules.udfs.sequence;

import dev.streamrules.udfs.ecs.DeadLetter;
import dev.streamrules.udfs.sequence.SequenceFixtures.Ev;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** A keyed harness around {@link SequenceOperator} (Kryo disabled) with helpers in test-event terms. */
final class SequenceHarness implements AutoCloseable {

    static final int MAX_PARALLELISM = 128;

    enum Backend {
        HEAP,
        ROCKSDB;

        StateBackend create() {
            return this == HEAP ? new HashMapStateBackend() : new EmbeddedRocksDBStateBackend();
        }
    }

    final KeyedOneInputStreamOperatorTestHarness<String, SequenceInput, SequenceMatch> h;
    private final SequenceRouting routing;
    private final Backend backend;

    SequenceHarness(List<SequencePlan> plans, Backend backend, int parallelism, int subtask) throws Exception {
        this(plans.stream().map(SequenceMatcher::new).toArray(KeyedMatcher<?>[]::new), backend, parallelism, subtask);
    }

    /** Any mix of sequence and sample rules, on one subtask. */
    static SequenceHarness of(List<KeyedMatcher<?>> matchers, Backend backend) throws Exception {
        return new SequenceHarness(matchers.toArray(KeyedMatcher<?>[]::new), backend, 1, 0);
    }

    private SequenceHarness(KeyedMatcher<?>[] matchers, Backend backend, int parallelism, int subtask)
            throws Exception {
        this.backend = backend;
        this.routing =
                new SequenceRouting(Stream.of(matchers).map(KeyedMatcher::plan).toList());
        h = new KeyedOneInputStreamOperatorTestHarness<>(
                new SequenceOperator(List.of(matchers)),
                new SequencePartitionKey(),
                Types.STRING,
                MAX_PARALLELISM,
                parallelism,
                subtask);
        // pipeline.generic-types: false — any Kryo fallback fails the test
        ((SerializerConfigImpl) h.getExecutionConfig().getSerializerConfig()).setGenericTypes(false);
        h.setStateBackend(backend.create());
        h.setup(TypeInformation.of(SequenceMatch.class)
                .createSerializer(h.getExecutionConfig().getSerializerConfig()));
    }

    static SequenceHarness open(List<SequencePlan> plans, Backend backend) throws Exception {
        SequenceHarness s = new SequenceHarness(plans, backend, 1, 0);
        s.h.open();
        return s;
    }

    static SequenceHarness restore(List<SequencePlan> plans, Backend backend, OperatorSubtaskState snapshot)
            throws Exception {
        return restore(plans, backend, snapshot, 1, 0);
    }

    static SequenceHarness restore(
            List<SequencePlan> plans, Backend backend, OperatorSubtaskState snapshot, int parallelism, int subtask)
            throws Exception {
        SequenceHarness s = new SequenceHarness(plans, backend, parallelism, subtask);
        s.h.initializeState(snapshot);
        s.h.open();
        return s;
    }

    /** Routes the events and sends every input to the operator (all to this subtask). */
    SequenceHarness send(Ev... events) throws Exception {
        return sendOwned(1, 0, events);
    }

    /** Routes the events and sends the inputs whose key belongs to {@code subtask} of {@code parallelism}. */
    SequenceHarness sendOwned(int parallelism, int subtask, Ev... events) throws Exception {
        for (Ev e : events) {
            for (SequenceInput in : routed(e)) {
                if (subtaskOf(in.getPartitionKey(), parallelism) == subtask) {
                    h.processElement(in, in.getTimestamp());
                }
            }
        }
        return this;
    }

    List<SequenceInput> routed(Ev e) {
        List<SequenceInput> out = new ArrayList<>();
        routing.flatMap(e.event(), new org.apache.flink.api.common.functions.util.ListCollector<>(out));
        return out;
    }

    SequenceHarness watermark(long millis) throws Exception {
        h.processWatermark(SequenceFixtures.T0 + millis);
        return this;
    }

    /** Matches so far as event ids ("1,2"), then forgets them. */
    List<String> drain() {
        List<String> out = new ArrayList<>();
        for (SequenceMatch m : h.extractOutputValues()) {
            out.add(SequenceFixtures.ids(m));
        }
        h.getOutput().clear();
        return out;
    }

    List<DeadLetter> late() {
        ConcurrentLinkedQueue<StreamRecord<DeadLetter>> side = h.getSideOutput(SequenceDescriptors.LATE_EVENTS);
        List<DeadLetter> out = new ArrayList<>();
        if (side != null) {
            side.forEach(r -> out.add(r.getValue()));
        }
        return out;
    }

    SequenceOperator operator() {
        return (SequenceOperator) h.getOperator();
    }

    /** No state and no timers left (entry counting is exact on the heap backend). */
    boolean isClean() {
        boolean noTimers = h.numEventTimeTimers() == 0;
        return backend == Backend.HEAP ? noTimers && h.numKeyedStateEntries() == 0 : noTimers;
    }

    OperatorSubtaskState snapshot() throws Exception {
        return h.snapshot(1, 100);
    }

    static int subtaskOf(String key, int parallelism) {
        return KeyGroupRangeAssignment.assignKeyToParallelOperator(key, MAX_PARALLELISM, parallelism);
    }

    @Override
    public void close() throws Exception {
        h.close();
    }
}
