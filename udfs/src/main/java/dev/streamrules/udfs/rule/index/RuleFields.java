package dev.streamrules.udfs.rule.index;

import dev.streamrules.udfs.alert.AlertFields;
import dev.streamrules.udfs.ecs.FieldProjection;
import dev.streamrules.udfs.eql.CompiledEventQuery;
import dev.streamrules.udfs.rule.DetectionRule;
import dev.streamrules.udfs.sequence.SequencePlan;
import dev.streamrules.udfs.tree.ProcessTreeFields;
import java.util.List;

/**
 * The fields a job's parser must extract: what its rules read, what the process tree and the alert
 * builder read, and the event's identity and time. Everything else in a document is skipped by the
 * streaming parser and only read again, from the record's bytes, when an alert is built.
 */
public final class RuleFields {

    private static final List<String> ALWAYS =
            List.of("@timestamp", "event.id", "event.category", SequencePlan.DEFAULT_TIEBREAKER_FIELD);

    private RuleFields() {}

    /** The projection for {@code rules}; every field when a rule's condition cannot say what it reads. */
    public static FieldProjection projection(List<DetectionRule> rules) {
        FieldProjection.Builder fields = FieldProjection.builder().paths(ALWAYS);
        for (DetectionRule rule : rules) {
            if (rule.isCorrelation()) {
                fields.paths(rule.correlation().plan().fieldsRead());
            } else if (rule.condition() instanceof CompiledEventQuery q) {
                fields.paths(q.fieldsRead());
            } else {
                return FieldProjection.all();
            }
            String timestamp = rule.details().timestampOverride();
            if (timestamp != null) {
                fields.path(timestamp);
            }
        }
        return fields.build().union(ProcessTreeFields.READ).union(AlertFields.READ);
    }
}
