package dev.streamrules.udfs.eql;

import dev.streamrules.udfs.ecs.EcsEvent;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * EQL comparison operators with Elasticsearch's semantics on keyword fields, as building blocks for
 * rule conditions.
 *
 * <ul>
 *   <li>{@code ==} and {@code in}: exact, case-sensitive term comparison.
 *   <li>{@code :} (like~): case-insensitive whole-value wildcard, see {@link WildcardPattern}.
 *   <li>Multi-valued fields: a comparison holds when any value satisfies it.
 *   <li>Missing or null fields satisfy no comparison.
 *   <li>Values longer than the keyword mapping's {@code ignore_above} (1024 in ECS) are not indexed by
 *       Elasticsearch, so no comparison can see them; we skip them the same way.
 *   <li>{@code <category> where}: {@code event.category} contains the category (case-sensitive).
 * </ul>
 */
public final class Eql {

    /** ECS keyword fields' {@code ignore_above}. */
    public static final int KEYWORD_IGNORE_ABOVE = 1024;

    private Eql() {}

    /** {@code field == "value"}. */
    public static EventCondition equalTo(String field, String value) {
        requireField(field);
        if (value == null) {
            throw new IllegalArgumentException("== needs a value for " + field);
        }
        return new Equals(field, value);
    }

    /** {@code field in ("a", "b", ...)}. */
    public static EventCondition in(String field, String... values) {
        requireField(field);
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("in needs at least one value for " + field);
        }
        for (String value : values) {
            if (value == null) {
                throw new IllegalArgumentException("in needs non-null values for " + field);
            }
        }
        return values.length == 1 ? new Equals(field, values[0]) : new InSet(field, values);
    }

    /** {@code field : ("pattern", ...)}: any value matching any pattern. */
    public static EventCondition like(String field, String... patterns) {
        requireField(field);
        if (patterns == null || patterns.length == 0) {
            throw new IllegalArgumentException(": needs at least one pattern for " + field);
        }
        WildcardPattern[] compiled = new WildcardPattern[patterns.length];
        for (int i = 0; i < patterns.length; i++) {
            compiled[i] = WildcardPattern.compile(patterns[i]);
        }
        return new Like(field, compiled);
    }

    /** The {@code <category> where} filter of an EQL event query. */
    public static EventCondition category(String category) {
        return equalTo("event.category", category);
    }

    /** Conjunction, evaluated left to right with short-circuit: put the most selective first. */
    public static EventCondition allOf(EventCondition... conditions) {
        if (conditions.length == 0) {
            throw new IllegalArgumentException("allOf needs at least one condition");
        }
        return new AllOf(conditions.clone());
    }

    private static void requireField(String field) {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("field name must not be blank");
        }
    }

    private static boolean indexable(String value) {
        return value.length() <= KEYWORD_IGNORE_ABOVE;
    }

    private static final class Equals implements EventCondition {
        private static final long serialVersionUID = 1L;
        private final String field;
        private final String value;

        Equals(String field, String value) {
            this.field = field;
            this.value = value;
        }

        @Override
        public boolean test(EcsEvent event) {
            String[] values = event.values(field);
            if (values != null) {
                for (String v : values) {
                    if (value.equals(v) && indexable(v)) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return field + " == \"" + value + "\"";
        }
    }

    private static final class InSet implements EventCondition {
        private static final long serialVersionUID = 1L;
        private final String field;
        private final HashSet<String> values;

        InSet(String field, String[] values) {
            this.field = field;
            this.values = new HashSet<>(Arrays.asList(values));
        }

        @Override
        public boolean test(EcsEvent event) {
            String[] actual = event.values(field);
            if (actual != null) {
                for (String v : actual) {
                    if (values.contains(v) && indexable(v)) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return field + " in (" + values.stream().sorted().map(v -> "\"" + v + "\"").collect(Collectors.joining(", ")) + ")";
        }
    }

    private static final class Like implements EventCondition {
        private static final long serialVersionUID = 1L;
        private final String field;
        private final WildcardPattern[] patterns;

        Like(String field, WildcardPattern[] patterns) {
            this.field = field;
            this.patterns = patterns;
        }

        @Override
        public boolean test(EcsEvent event) {
            String[] values = event.values(field);
            if (values != null) {
                for (String v : values) {
                    if (!indexable(v)) {
                        continue;
                    }
                    for (WildcardPattern p : patterns) {
                        if (p.matches(v)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return field + " : " + (patterns.length == 1 ? patterns[0].toString() : List.of(patterns).toString());
        }
    }

    private static final class AllOf implements EventCondition {
        private static final long serialVersionUID = 1L;
        private final EventCondition[] conditions;

        AllOf(EventCondition[] conditions) {
            this.conditions = conditions;
        }

        @Override
        public boolean test(EcsEvent event) {
            for (EventCondition c : conditions) {
                if (!c.test(event)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return Arrays.stream(conditions).map(Object::toString).collect(Collectors.joining(" and "));
        }
    }
}
