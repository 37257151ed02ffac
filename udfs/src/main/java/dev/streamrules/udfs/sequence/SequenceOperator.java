package dev.streamrules.udfs.sequence;

import dev.streamrules.udfs.ecs.DeadLetter;
import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.ecs.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Runs {@link KeyedMatcher}s (sequences and samples) in event time, keyed by
 * {@link SequenceInput#getPartitionKey()}; one operator serves several rules, each with its own named
 * state and timer namespace (the rule id).
 *
 * <p>An input waits in a per-timestamp buffer until the watermark passes it (an event-time timer at
 * its timestamp), then is fed to the matcher in sequence order; then event time is advanced for the
 * rule's join keys under this key, which drops what can no longer complete and releases sequences that
 * waited out a trailing missing-event step; a timer at the next such deadline keeps state bounded by
 * the rule's span. An input at or behind the watermark is late: counted and sent to
 * {@link SequenceDescriptors#LATE_EVENTS}, never matched and never dropped silently.
 *
 * <p>State left by a rule no longer in the operator is cleared when its timers fire.
 */
public class SequenceOperator extends AbstractStreamOperator<SequenceMatch>
        implements OneInputStreamOperator<SequenceInput, SequenceMatch>, Triggerable<String, String> {

    private static final long serialVersionUID = 1L;

    private final HashMap<String, KeyedMatcher<?>> matchers = new HashMap<>();

    private transient InternalTimerService<String> timers;
    private transient Map<String, MapState<Long, List<SequenceInput>>> buffers;
    private transient Map<String, MapState<String, ?>> states;
    private transient Counter lateEvents;
    private transient Counter matches;

    public SequenceOperator(List<? extends KeyedMatcher<?>> rules) {
        for (KeyedMatcher<?> matcher : rules) {
            if (matchers.put(matcher.plan().ruleId(), matcher) != null) {
                throw new IllegalArgumentException(
                        "two sequence or sample rules with id " + matcher.plan().ruleId());
            }
        }
    }

    /** An operator for sequence plans only. */
    public static SequenceOperator forSequences(List<SequencePlan> plans) {
        return new SequenceOperator(plans.stream().map(SequenceMatcher::new).toList());
    }

    @Override
    public void open() throws Exception {
        super.open();
        timers = getInternalTimerService(SequenceDescriptors.TIMERS, StringSerializer.INSTANCE, this);
        buffers = new HashMap<>();
        states = new HashMap<>();
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup(SequenceDescriptors.METRIC_GROUP);
        lateEvents = group.counter(SequenceDescriptors.METRIC_LATE_EVENTS);
        matches = group.counter(SequenceDescriptors.METRIC_MATCHES);
    }

    @Override
    public void processElement(StreamRecord<SequenceInput> element) throws Exception {
        SequenceInput input = element.getValue();
        if (!matchers.containsKey(input.getRuleId())) {
            throw new IllegalStateException("no sequence plan for rule " + input.getRuleId()
                    + "; the router and the operator must be built from the same rule set");
        }
        if (input.getTimestamp() <= timers.currentWatermark()) {
            lateEvents.inc();
            output.collect(SequenceDescriptors.LATE_EVENTS, new StreamRecord<>(lateEvent(input.getEvent())));
            return;
        }
        MapState<Long, List<SequenceInput>> buffer = buffer(input.getRuleId());
        List<SequenceInput> waiting = buffer.get(input.getTimestamp());
        if (waiting == null) {
            waiting = new ArrayList<>(1);
        }
        waiting.add(input);
        buffer.put(input.getTimestamp(), waiting);
        timers.registerEventTimeTimer(input.getRuleId(), input.getTimestamp());
    }

    @Override
    public void onEventTime(InternalTimer<String, String> timer) throws Exception {
        String ruleId = timer.getNamespace();
        KeyedMatcher<?> matcher = matchers.get(ruleId);
        if (matcher == null) {
            clearRemovedRule(ruleId);
            return;
        }
        fire(matcher, timer.getTimestamp());
    }

    private <S> void fire(KeyedMatcher<S> matcher, long time) throws Exception {
        String ruleId = matcher.plan().ruleId();
        MapState<String, S> keyed = matcherState(matcher);
        List<SequenceInput> due = buffer(ruleId).get(time);
        if (due != null) {
            buffer(ruleId).remove(time);
            due.sort(EventOrder.AT_ONE_TIMESTAMP); // stable: arrival order breaks remaining ties
            for (SequenceInput input : due) {
                S state = keyed.get(input.getJoinKey());
                if (state == null || !matcher.fits(state)) {
                    state = matcher.emptyState();
                }
                matcher.onEvent(state, input, this::emit);
                keyed.put(input.getJoinKey(), state);
            }
        }
        long deadline = Long.MAX_VALUE;
        List<String> finished = new ArrayList<>();
        Map<String, S> changed = new HashMap<>();
        for (Iterator<Map.Entry<String, S>> it = keyed.iterator(); it.hasNext(); ) {
            Map.Entry<String, S> entry = it.next();
            S state = entry.getValue();
            if (!matcher.fits(state)) {
                finished.add(entry.getKey());
                continue;
            }
            matcher.advanceTo(state, time, entry.getKey(), this::emit);
            if (matcher.isEmpty(state)) {
                finished.add(entry.getKey());
            } else {
                changed.put(entry.getKey(), state);
                deadline = Math.min(deadline, matcher.nextDeadline(state));
            }
        }
        for (String key : finished) {
            keyed.remove(key);
        }
        if (!changed.isEmpty()) {
            keyed.putAll(changed); // RocksDB hands out copies: write back what advanceTo changed
        }
        if (deadline != Long.MAX_VALUE) {
            timers.registerEventTimeTimer(ruleId, deadline);
        }
    }

    /** A rule no longer in the rule set left state behind under this key: its own timers clear it. */
    private void clearRemovedRule(String ruleId) throws Exception {
        buffer(ruleId).clear();
        getKeyedStateStore()
                .getMapState(
                        SequenceDescriptors.matcherState("sequence", ruleId, TypeInformation.of(SequenceState.class)))
                .clear();
        getKeyedStateStore()
                .getMapState(SequenceDescriptors.matcherState("sample", ruleId, TypeInformation.of(SampleState.class)))
                .clear();
    }

    @Override
    public void onProcessingTime(InternalTimer<String, String> timer) {
        // sequences run in event time only
    }

    private void emit(SequenceMatch match) {
        matches.inc();
        output.collect(new StreamRecord<>(match));
    }

    private MapState<Long, List<SequenceInput>> buffer(String ruleId) {
        return buffers.computeIfAbsent(ruleId, id -> getKeyedStateStore().getMapState(SequenceDescriptors.buffer(id)));
    }

    @SuppressWarnings("unchecked")
    private <S> MapState<String, S> matcherState(KeyedMatcher<S> matcher) {
        return (MapState<String, S>) states.computeIfAbsent(
                matcher.plan().ruleId(),
                id -> getKeyedStateStore().getMapState(SequenceDescriptors.matcherState(matcher)));
    }

    private static DeadLetter lateEvent(EcsEvent event) {
        String document = event.getDocument();
        byte[] original = document == null ? new byte[0] : document.getBytes(StandardCharsets.UTF_8);
        RawRecord record = new RawRecord(event.getSource(), event.getPartition(), event.getPosition(), original, false);
        return DeadLetter.of(record, SequenceDescriptors.LATE_EVENT_REASON);
    }

    /** Late inputs so far (tests; the metric is {@code sequences.lateEvents}). */
    public long lateEvents() {
        return lateEvents.getCount();
    }
}
