package dev.streamrules.udfs.sequence;

import dev.streamrules.udfs.ecs.EcsEvent;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a sequence rule's step conditions on an event once, and turns the matches into inputs for
 * the keyed matcher: one per distinct join key (steps with different key fields can give one event
 * different keys). Events no step matches produce nothing, and neither do events without a timestamp
 * (Elasticsearch cannot place them in a sequence either).
 */
public final class SequenceRouter implements Serializable {

    private static final long serialVersionUID = 1L;

    private final SequencePlan plan;

    public SequenceRouter(SequencePlan plan) {
        this.plan = plan;
    }

    public SequencePlan plan() {
        return plan;
    }

    public List<SequenceInput> route(EcsEvent event) {
        Map<String, Long> masks = null;
        Map<String, String[]> keyValues = null;
        int bits = plan.stageCount() + (plan.until() != null ? 1 : 0);
        for (int bit = 0; bit < bits; bit++) {
            SequenceStep step = bit < plan.stageCount() ? plan.stage(bit) : plan.until();
            if (bit > 0 && bit < plan.stageCount() && step == plan.stage(bit - 1)) {
                // a runs=N step: same condition, same keys
                if (masks != null) {
                    String previous = keyOfBit(masks, bit - 1);
                    if (previous != null) {
                        masks.merge(previous, 1L << bit, (a, b) -> a | b);
                    }
                }
                continue;
            }
            if (!step.condition().test(event)) {
                continue;
            }
            String[] values = JoinKeys.values(step.keys(), event);
            if (values == null) {
                continue;
            }
            if (masks == null) {
                masks = new LinkedHashMap<>();
                keyValues = new LinkedHashMap<>();
            }
            String key = JoinKeys.encode(values);
            masks.merge(key, 1L << bit, (a, b) -> a | b);
            keyValues.putIfAbsent(key, values);
        }
        if (masks == null) {
            return List.of();
        }
        long timestamp = EventOrder.timestamp(event, plan.timestampField());
        if (timestamp == EcsEvent.NO_TIMESTAMP) {
            return List.of();
        }
        String tiebreaker = plan.tiebreakerField() == null ? null : event.first(plan.tiebreakerField());
        List<SequenceInput> inputs = new ArrayList<>(masks.size());
        for (Map.Entry<String, Long> e : masks.entrySet()) {
            String partitionKey =
                    plan.hostKeyPosition() >= 0 ? keyValues.get(e.getKey())[plan.hostKeyPosition()] : e.getKey();
            inputs.add(new SequenceInput(
                    plan.ruleId(), partitionKey, e.getKey(), e.getValue(), timestamp, tiebreaker, event));
        }
        return inputs;
    }

    private static String keyOfBit(Map<String, Long> masks, int bit) {
        for (Map.Entry<String, Long> e : masks.entrySet()) {
            if ((e.getValue() & (1L << bit)) != 0) {
                return e.getKey();
            }
        }
        return null;
    }
}
