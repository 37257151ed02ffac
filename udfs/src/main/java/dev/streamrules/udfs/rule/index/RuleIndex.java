package dev.streamrules.udfs.rule.index;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.eql.TermClause;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Finds the few rules an event can possibly match without evaluating any rule: each rule is filed
 * under one of its {@link TermClause}s (a field and the values it requires), and an event looks up
 * only the values it actually carries. With hundreds of rules most events touch none of them, which
 * is what keeps the cost of a rule set close to the cost of parsing its input.
 *
 * <p>Rules are referred to by their position in the list the index was built from. A rule without
 * a usable clause is checked for every event. Clauses on fields the process tree may fill in are
 * never used (the event may lack them before enrichment), so one lookup answers both "does this
 * event need enrichment" and "which rules may match it" soundly.
 */
public final class RuleIndex implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Fields that split endpoint events poorly, best first: used only when a rule has nothing
     * better (most Linux events share {@code host.os.type}; every process event has the category;
     * a process event's action is one of three, and most rules ask for {@code exec}, so a rule
     * filed under it is a candidate for a third of all events where its {@code process.name} would
     * make it one for a few).
     */
    private static final List<String> WEAK_FIELDS = List.of(
            "event.action",
            "event.outcome",
            "event.dataset",
            "data_stream.dataset",
            "event.module",
            "event.type",
            "event.kind",
            "agent.type",
            "host.os.name",
            "host.os.family",
            "host.os.type",
            "event.category");

    private static final List<String> ENRICHABLE_PREFIXES =
            List.of("process.parent.", "process.entry_leader.", "process.session_leader.", "process.group_leader.");

    private final int size;
    private final String[] fields;
    /** Per looked-up field, a clause that turns an event value into its lookup key. */
    private final TermClause[] keys;

    private final List<Map<String, int[]>> postings;
    private final int[] alwaysChecked;
    private final TermClause[] chosen;

    private RuleIndex(
            int size, Map<FieldKey, Map<String, List<Integer>>> byField, List<Integer> always, TermClause[] chosen) {
        this.size = size;
        this.fields = new String[byField.size()];
        this.keys = new TermClause[byField.size()];
        this.postings = new ArrayList<>(byField.size());
        int f = 0;
        for (Map.Entry<FieldKey, Map<String, List<Integer>>> e : byField.entrySet()) {
            fields[f] = e.getKey().field;
            keys[f] = new TermClause(e.getKey().field, java.util.Set.of(), e.getKey().caseInsensitive);
            Map<String, int[]> values = new HashMap<>();
            e.getValue()
                    .forEach((value, rules) -> values.put(
                            value, rules.stream().mapToInt(Integer::intValue).toArray()));
            postings.add(values);
            f++;
        }
        this.alwaysChecked = always.stream().mapToInt(Integer::intValue).toArray();
        this.chosen = chosen;
    }

    /** Fields interned, also in a deserialized copy, as the events' field names are. */
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        for (int f = 0; f < fields.length; f++) {
            fields[f] = fields[f].intern();
        }
    }

    /** Indexes rules by their clauses; {@code clauses.get(i)} are the necessary clauses of rule i. */
    public static RuleIndex build(List<List<TermClause>> clauses) {
        Map<FieldKey, Map<String, List<Integer>>> byField = new LinkedHashMap<>();
        List<Integer> always = new ArrayList<>();
        TermClause[] chosen = new TermClause[clauses.size()];
        for (int rule = 0; rule < clauses.size(); rule++) {
            TermClause best = best(clauses.get(rule));
            chosen[rule] = best;
            if (best == null) {
                always.add(rule);
                continue;
            }
            Map<String, List<Integer>> values =
                    byField.computeIfAbsent(new FieldKey(best.field(), best.caseInsensitive()), k -> new HashMap<>());
            for (String value : best.values()) {
                values.computeIfAbsent(value, v -> new ArrayList<>()).add(rule);
            }
        }
        return new RuleIndex(clauses.size(), byField, always, chosen);
    }

    /** The clause rule {@code rule} is filed under, or {@code null} when it is checked for every event. */
    public TermClause clauseOf(int rule) {
        return chosen[rule];
    }

    public int size() {
        return size;
    }

    /**
     * Calls {@code candidate} once for every rule the event may match, in ascending rule order.
     * Allocation-free when no rule is a candidate (the common case).
     */
    public void forEachCandidate(EcsEvent event, IntConsumer candidate) {
        boolean[] seen = null;
        for (int f = 0; f < fields.length; f++) {
            String[] values = event.values(fields[f]);
            if (values == null) {
                continue;
            }
            Map<String, int[]> byValue = postings.get(f);
            for (String value : values) {
                int[] rules = byValue.get(keys[f].key(value));
                if (rules == null) {
                    continue;
                }
                if (seen == null) {
                    seen = new boolean[size];
                }
                for (int r : rules) {
                    seen[r] = true;
                }
            }
        }
        if (seen == null && alwaysChecked.length == 0) {
            return;
        }
        if (seen == null) {
            seen = new boolean[size];
        }
        for (int r : alwaysChecked) {
            seen[r] = true;
        }
        for (int r = 0; r < size; r++) {
            if (seen[r]) {
                candidate.accept(r);
            }
        }
    }

    /** Whether any rule may match the event (cheap: stops at the first hit). */
    public boolean hasCandidate(EcsEvent event) {
        if (alwaysChecked.length > 0) {
            return true;
        }
        for (int f = 0; f < fields.length; f++) {
            String[] values = event.values(fields[f]);
            if (values == null) {
                continue;
            }
            Map<String, int[]> byValue = postings.get(f);
            for (String value : values) {
                if (byValue.containsKey(keys[f].key(value))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The rules checked for every event (no usable clause), for reports and tests. */
    public int[] alwaysChecked() {
        return Arrays.copyOf(alwaysChecked, alwaysChecked.length);
    }

    /**
     * The most selective usable clause: never one on a field the process tree fills in; a weak
     * field only when nothing else is there; then the fewest values.
     */
    static TermClause best(List<TermClause> clauses) {
        TermClause best = null;
        for (TermClause c : clauses) {
            if (enrichable(c.field())) {
                continue;
            }
            if (best == null
                    || rank(c) < rank(best)
                    || (rank(c) == rank(best)
                            && c.values().size() < best.values().size())) {
                best = c;
            }
        }
        return best;
    }

    private static int rank(TermClause c) {
        int weak = WEAK_FIELDS.indexOf(c.field());
        return weak < 0 ? -1 : weak;
    }

    private static boolean enrichable(String field) {
        for (String prefix : ENRICHABLE_PREFIXES) {
            if (field.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The fields the index looks up: the projection parser must extract them. */
    public Set<String> fields() {
        return new java.util.TreeSet<>(Arrays.asList(fields));
    }

    private record FieldKey(String field, boolean caseInsensitive) implements Serializable {}
}
