package dev.streamrules.udfs.eql.ast;

import java.time.Duration;
import java.util.List;

/** A whole EQL query: an event query, a sequence or a sample. Offsets as in {@link Expr}. */
public sealed interface Query permits Query.Event, Query.Sequence, Query.Sample {

    int start();

    int end();

    /**
     * {@code <category> where <condition>}; {@code category} is {@code null} for {@code any where}.
     * {@code categoryStart}/{@code categoryEnd} locate the category word.
     */
    record Event(String category, Expr condition, int categoryStart, int categoryEnd, int start, int end)
            implements Query {}

    /**
     * {@code sequence [by k1, k2] [with maxspan=5s] [step] [step] ... [until [step]]}. {@code maxspan}
     * is {@code null} when absent; {@code until} is {@code null} when absent.
     */
    record Sequence(List<Expr> by, Duration maxspan, List<Step> steps, Step until, int start, int end)
            implements Query {}

    /** {@code sample [by k1, ...] [step] [step] ...}. */
    record Sample(List<Expr> by, List<Step> steps, int start, int end) implements Query {}

    /**
     * One bracketed step: its event query, its own {@code by} keys (joined positionally after the
     * sequence-level keys), {@code with runs=N} (1 when absent) and whether it is a missing-event
     * step {@code ![...]}. Join keys are {@link Expr.Field}s (optional ones with {@code ?}).
     */
    record Step(Event query, List<Expr> by, int runs, boolean missing, int start, int end) {}
}
