package dev.streamrules.udfs.rule;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a rule file says about a rule beyond what decides a match: who wrote it, under which license,
 * where to read more, how to triage, which indices it was written for, and the file's
 * {@code [metadata]} table (creation_date, maturity, integration, min_stack_version, ...). Alerts copy
 * these into {@code kibana.alert.rule.*}.
 *
 * @param metadata values as plain Java values (String, Number, Boolean, List, Map), in file order
 * @param timestampOverride the field Kibana would order and filter by instead of {@code @timestamp}, or null
 */
public record RuleDetails(
        List<String> author,
        String license,
        List<String> references,
        List<String> falsePositives,
        String note,
        String setup,
        String timestampOverride,
        List<String> index,
        Map<String, Object> metadata)
        implements Serializable {

    public static final RuleDetails NONE =
            new RuleDetails(List.of(), null, List.of(), List.of(), null, null, null, List.of(), Map.of());

    public RuleDetails {
        author = List.copyOf(author);
        references = List.copyOf(references);
        falsePositives = List.copyOf(falsePositives);
        index = List.copyOf(index);
        // Map.copyOf would lose the file's order, which readers of an alert expect.
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }
}
