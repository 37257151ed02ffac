package dev.streamrules.udfs.sequence;

import dev.streamrules.udfs.ecs.EcsEvent;
import java.util.Arrays;

/** A completed sequence: the rule, the join key and the matched events in stage order. A Flink POJO. */
public class SequenceMatch {

    private String ruleId;
    private String joinKey;
    private EcsEvent[] events;

    public SequenceMatch() {}

    public SequenceMatch(String ruleId, String joinKey, EcsEvent[] events) {
        this.ruleId = ruleId;
        this.joinKey = joinKey;
        this.events = events;
    }

    public String getRuleId() {
        return ruleId;
    }

    public void setRuleId(String ruleId) {
        this.ruleId = ruleId;
    }

    public String getJoinKey() {
        return joinKey;
    }

    public void setJoinKey(String joinKey) {
        this.joinKey = joinKey;
    }

    public EcsEvent[] getEvents() {
        return events;
    }

    public void setEvents(EcsEvent[] events) {
        this.events = events;
    }

    @Override
    public String toString() {
        return "SequenceMatch{" + ruleId + ", key=" + joinKey + ", "
                + Arrays.stream(events).map(e -> e.first("event.id")).toList() + "}";
    }
}
