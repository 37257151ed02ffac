package dev.streamrules.job;

import dev.streamrules.udfs.ecs.DeadLetter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/**
 * Operator uids, side-output tags and counter names of the job, in one place. The uids are part of
 * the savepoint contract: renaming one orphans that operator's state on the next restore.
 */
public final class Streams {

    public static final String SOURCE_UID = "events-source";
    public static final String ROUTE_UID = "route-by-host";
    public static final String PARSE_UID = "parse-events";
    public static final String AGE_FILTER_UID = "max-event-age";
    /** Watermarks of a replay's event-time process tree (the source has none). */
    public static final String TREE_WATERMARKS_UID = "process-tree-watermarks";
    /** The process-tree operator's uid is owned by udfs: {@code ProcessTreeState.UID}. */
    public static final String RULE_CANDIDATES_UID = "rule-candidates";
    /**
     * The CEP operator of all single-event rules. Its per-host state is the same whatever the
     * rules are (a one-step pattern keeps no partial matches), so rules can be added and removed
     * across savepoints.
     */
    public static final String SINGLE_EVENT_RULES_UID = "single-event-rules";

    public static final String COUNT_ALERTS_UID = "count-alerts";
    public static final String ALERT_SINK_UID_PREFIX = "alert-sink-";
    public static final String DEAD_LETTER_SINK_UID = "dead-letter-sink";

    /** Records that could not be parsed into events, with the reason. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    /** Accumulator and metric names; the replay summary reads the accumulators. */
    public static final String RECORDS_READ = "records-read";

    public static final String RECORDS_VALID = "records-valid";
    public static final String RECORDS_DEAD = "records-dead-lettered";
    /** Valid events without exactly one {@code host.id}: evaluated by every rule, no process tree. */
    public static final String EVENTS_WITHOUT_HOST = "events-without-host";

    public static final String EVENTS_TOO_OLD = "events-too-old";

    private Streams() {}
}
