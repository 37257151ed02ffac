package dev.streamrules.udfs.eql;

import dev.streamrules.udfs.eql.ast.Query;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The checks Elasticsearch's parser makes on sequences and samples beyond the grammar: maxspan is a
 * positive whole number with a unit of {@code ms s m h d}; runs is a whole number from 1 to
 * {@value #MAX_RUNS}; a sequence has at least two queries once runs are expanded, at least one that
 * is not a missing event, and a maxspan when it has a missing event; a sample has at least two; every
 * step has as many join keys as the first. Messages follow Elasticsearch's where it has them.
 */
final class SequenceRules {

    static final int MAX_RUNS = 100;

    private SequenceRules() {}

    static Duration maxspan(Token number, Token unit) {
        String text = number.text() + (unit == null ? "" : unit.text());
        if (number.is(Token.Kind.DECIMAL)) {
            throw new EqlException(
                    "Decimal time interval [" + number.text() + "] not supported; please use an positive integer",
                    number.start());
        }
        long value = Numbers.integer(number);
        if (value <= 0) {
            throw new EqlException("A positive maxspan value is required; found [" + value + "]", number.start());
        }
        if (unit == null) {
            throw new EqlException("No time unit specified, did you mean [s] as in [" + text + "s]?", number.start());
        }
        ChronoUnit chronoUnit = switch (unit.text()) {
            case "ms" -> ChronoUnit.MILLIS;
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            case "h" -> ChronoUnit.HOURS;
            case "d" -> ChronoUnit.DAYS;
            default ->
                throw new EqlException(
                        "Unrecognized time unit [" + unit.text() + "] in [" + text
                                + "], please specify one of [ms, s, m, h, d]",
                        unit.start());
        };
        try {
            return Duration.of(value, chronoUnit);
        } catch (ArithmeticException e) {
            throw new EqlException("maxspan [" + text + "] is too large", number.start());
        }
    }

    static int runs(Token number) {
        if (number.is(Token.Kind.DECIMAL)) {
            throw new EqlException("runs must be a whole number; found [" + number.text() + "]", number.start());
        }
        long value = Numbers.integer(number);
        if (value < 1 || value > MAX_RUNS) {
            throw new EqlException(
                    "runs must be between 1 and " + MAX_RUNS + "; found [" + value + "]", number.start());
        }
        return (int) value;
    }

    static void checkSequence(int start, List<Query.Step> steps, Query.Step until, Duration maxspan) {
        int queries = steps.stream().mapToInt(Query.Step::runs).sum();
        if (queries < 2) {
            throw new EqlException("A sequence requires a minimum of 2 queries, found [" + queries + "]", start);
        }
        if (steps.stream().allMatch(Query.Step::missing)) {
            throw new EqlException(
                    "A sequence requires at least one event query that is not a missing event ![...]", start);
        }
        if (maxspan == null) {
            steps.stream().filter(Query.Step::missing).findFirst().ifPresent(missing -> {
                throw new EqlException(
                        "a sequence with missing events ![...] requires 'with maxspan'", missing.start());
            });
        }
        checkKeyCounts(steps, until);
    }

    static void checkSample(int start, List<Query.Step> steps) {
        if (steps.size() < 2) {
            throw new EqlException("A sample requires a minimum of 2 queries, found [" + steps.size() + "]", start);
        }
        checkKeyCounts(steps, null);
    }

    /** Step keys are joined positionally, so every step (and until) needs as many as the first. */
    private static void checkKeyCounts(List<Query.Step> steps, Query.Step until) {
        int expected = steps.get(0).by().size();
        for (int i = 1; i <= steps.size(); i++) {
            Query.Step step = i < steps.size() ? steps.get(i) : until;
            if (step != null && step.by().size() != expected) {
                int at = step.by().isEmpty() ? step.start() : step.by().get(0).start();
                throw new EqlException(
                        "Inconsistent number of join keys specified; expected [" + expected + "] but found ["
                                + step.by().size() + "]",
                        at);
            }
        }
    }
}
