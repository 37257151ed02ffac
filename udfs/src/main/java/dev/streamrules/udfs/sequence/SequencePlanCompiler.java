package dev.streamrules.udfs.sequence;

import dev.streamrules.udfs.eql.EqlException;
import dev.streamrules.udfs.eql.EventCondition;
import dev.streamrules.udfs.eql.ast.Expr;
import dev.streamrules.udfs.eql.ast.Query;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link SequencePlan} from a parsed {@code sequence} (or {@code sample}) query: each step's
 * event query compiled by the EQL compiler, join keys (sequence-level {@code by}, then the step's
 * own), {@code runs}, missing-event steps, {@code until} and {@code maxspan}. Problems are
 * {@link EqlException}s located in the query text.
 */
public final class SequencePlanCompiler {

    /** Compiles one step's event query; the EQL compiler's entry point for event queries. */
    @FunctionalInterface
    public interface StepCompiler {
        EventCondition compile(Query.Event query);
    }

    private final StepCompiler steps;

    public SequencePlanCompiler(StepCompiler steps) {
        this.steps = steps;
    }

    /**
     * Adds the query's stages, {@code until} and {@code maxspan} to {@code plan} (which carries the rule
     * id, look-back, timestamp and tiebreaker fields) and builds it.
     */
    public SequencePlan compile(Query.Sequence query, SequencePlan.Builder plan) {
        int stages = 0;
        Integer keyCount = null;
        for (Query.Step step : query.steps()) {
            List<KeyField> keys = keys(query.by(), step);
            keyCount = checkKeyCount(keyCount, keys.size(), step);
            stages += step.runs();
            if (step.runs() < 1) {
                throw new EqlException("runs must be at least 1", step.start());
            }
            if (stages > SequencePlan.MAX_STAGES) {
                throw new EqlException(
                        "a sequence has at most " + SequencePlan.MAX_STAGES + " steps, counting runs", step.start());
            }
            plan.step(new SequenceStep(steps.compile(step.query()), keys, step.missing()), step.runs());
        }
        if (stages < 2) {
            throw new EqlException("a sequence needs at least 2 steps, found " + stages, query.start());
        }
        if (query.steps().stream().allMatch(Query.Step::missing)) {
            throw new EqlException("a sequence needs at least one step that is not a missing event", query.start());
        }
        if (query.until() != null) {
            List<KeyField> keys = keys(query.by(), query.until());
            checkKeyCount(keyCount, keys.size(), query.until());
            plan.until(new SequenceStep(steps.compile(query.until().query()), keys, false));
        }
        if (query.maxspan() != null) {
            if (query.maxspan().isNegative() || query.maxspan().isZero()) {
                throw new EqlException("maxspan must be positive", query.start());
            }
            plan.maxspan(query.maxspan());
        }
        try {
            return plan.build();
        } catch (IllegalArgumentException e) {
            throw new EqlException(e.getMessage(), query.start());
        }
    }

    /**
     * A {@code sample} query as a plan for {@link SampleMatcher}: its steps and join keys; the plan's
     * look-back bounds how long a candidate waits.
     */
    public SequencePlan compileSample(Query.Sample query, SequencePlan.Builder plan) {
        if (query.steps().size() < 2) {
            throw new EqlException(
                    "a sample needs at least 2 steps, found " + query.steps().size(), query.start());
        }
        Integer keyCount = null;
        for (Query.Step step : query.steps()) {
            if (step.missing() || step.runs() != 1) {
                throw new EqlException("a sample step has neither runs nor ![...]", step.start());
            }
            List<KeyField> keys = keys(query.by(), step);
            keyCount = checkKeyCount(keyCount, keys.size(), step);
            plan.step(new SequenceStep(steps.compile(step.query()), keys, false));
        }
        try {
            return plan.build();
        } catch (IllegalArgumentException e) {
            throw new EqlException(e.getMessage(), query.start());
        }
    }

    private static Integer checkKeyCount(Integer expected, int actual, Query.Step step) {
        if (expected != null && expected != actual) {
            throw new EqlException(
                    "this step has " + actual + " join keys, the first step " + expected
                            + "; every step needs the same number (they pair up by position)",
                    step.start());
        }
        return actual;
    }

    /** The sequence-level keys followed by the step's own. */
    static List<KeyField> keys(List<Expr> sequenceBy, Query.Step step) {
        List<KeyField> keys = new ArrayList<>();
        for (Expr e : sequenceBy) {
            keys.add(keyField(e));
        }
        for (Expr e : step.by()) {
            keys.add(keyField(e));
        }
        return keys;
    }

    private static KeyField keyField(Expr e) {
        if (e instanceof Expr.Field field) {
            return new KeyField(field.path(), field.optional());
        }
        throw new EqlException("a join key must be a field", e.start());
    }
}
