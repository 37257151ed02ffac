package dev.streamrules.job.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Counts dead letters by the kind of their reason, as the metric {@code deadLetters} in a group
 * {@code reason} (a Prometheus label): a fixed, small set of kinds, so a hostile producer cannot
 * create metrics without bound with ever new reason texts.
 */
final class DeadLetterReasons {

    static final String METRIC = "deadLetters";
    static final String GROUP = "reason";

    /** Reason prefix (as the parser words it) to kind; anything else is {@code other}. */
    private static final List<String[]> KINDS = List.of(
            new String[] {"record larger than", "too_large"},
            new String[] {"empty record", "empty"},
            new String[] {"invalid UTF-8", "invalid_utf8"},
            new String[] {"nesting deeper than", "too_deep"},
            new String[] {"invalid JSON", "invalid_json"},
            new String[] {"not a JSON object", "not_an_object"},
            new String[] {"late event", "late_event"});

    private final MetricGroup group;
    private final Map<String, Counter> counters = new HashMap<>();

    DeadLetterReasons(MetricGroup group) {
        this.group = group;
    }

    static String kind(String reason) {
        if (reason != null) {
            for (String[] kind : KINDS) {
                if (reason.startsWith(kind[0])) {
                    return kind[1];
                }
            }
        }
        return "other";
    }

    void count(String reason) {
        counters.computeIfAbsent(kind(reason), k -> group.addGroup(GROUP, k).counter(METRIC))
                .inc();
    }
}
