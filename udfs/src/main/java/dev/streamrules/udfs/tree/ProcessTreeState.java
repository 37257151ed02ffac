package dev.streamrules.udfs.tree;

import java.util.List;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;

/**
 * Names and descriptors of everything the process-tree operator keeps, in one place: state,
 * timers, metrics, the operator's uid. State names and the uid are part of savepoint compatibility:
 * never rename them.
 */
public final class ProcessTreeState {

    /** Stable operator uid (savepoints map state to it). */
    public static final String UID = "process-tree";

    /** Operator name shown in the Flink UI. */
    public static final String NAME = "Process-tree enrichment";

    /** The host's tree: entity id → node. */
    public static final MapStateDescriptor<String, ProcessNode> NODES =
            new MapStateDescriptor<>("process-tree-nodes", EntityIdSerializer.INSTANCE, ProcessNodeSerializer.INSTANCE);

    /** Events waiting for an ancestor's own event: awaited entity id → events. */
    public static final MapStateDescriptor<String, List<PendingEvent>> WAITING = new MapStateDescriptor<>(
            "process-tree-waiting", Types.STRING, new ListTypeInfo<>(TypeInformation.of(PendingEvent.class)));

    /** Per-host counts and the scheduled sweep. */
    public static final ValueStateDescriptor<HostState> HOST =
            new ValueStateDescriptor<>("process-tree-host", TypeInformation.of(HostState.class));

    /** Timer service of eviction sweeps (one timer per host at most). */
    public static final String SWEEP_TIMERS = "process-tree-sweep";

    /** Timer service of waiting deadlines. */
    public static final String WAIT_TIMERS = "process-tree-wait";

    /** Metric group under the operator's group. */
    public static final String METRIC_GROUP = "processTree";

    /** Gauge: processes tracked by this subtask, all hosts together. */
    public static final String METRIC_TRACKED = "trackedProcesses";
    /** Gauge: events waiting in this subtask. */
    public static final String METRIC_WAITING = "waitingEvents";
    /** Counter: events whose entry leader came from their own fields. */
    public static final String METRIC_RESOLVED_EVENT = "resolvedFromEvent";
    /** Counter: events whose entry leader came from the tree. */
    public static final String METRIC_RESOLVED_STATE = "resolvedFromState";
    /** Counter: events emitted with an unknown entry leader. */
    public static final String METRIC_UNRESOLVED = "unresolved";
    /** Counter: events that waited for an ancestor. */
    public static final String METRIC_WAITED = "eventsWaited";
    /** Counter: waiting events released because the awaited process's event arrived. */
    public static final String METRIC_RELEASED_BY_ARRIVAL = "releasedByArrival";
    /** Counter: waiting events released because their wait expired. */
    public static final String METRIC_RELEASED_BY_TIMEOUT = "releasedByTimeout";
    /** Counter: waiting events released at the end of a bounded input. */
    public static final String METRIC_RELEASED_AT_END = "releasedAtEndOfInput";
    /** Counter: events evaluated at once because the host's waiting buffer was full. */
    public static final String METRIC_WAIT_OVERFLOW = "waitOverflows";
    /** Counter: nodes evicted, all reasons. */
    public static final String METRIC_EVICTIONS = "evictions";
    /** Counter prefix per reason: {@code evictions_ENDED}, {@code evictions_IDLE}, {@code evictions_OVER_CAP}. */
    public static final String METRIC_EVICTIONS_BY_REASON = "evictions_";

    private ProcessTreeState() {}
}
