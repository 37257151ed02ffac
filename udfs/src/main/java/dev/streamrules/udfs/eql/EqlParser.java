package dev.streamrules.udfs.eql;

import dev.streamrules.udfs.eql.Token.Kind;
import dev.streamrules.udfs.eql.ast.Expr;
import dev.streamrules.udfs.eql.ast.Query;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses EQL text into the syntax tree of {@link Query} and {@link Expr}, following Elasticsearch's EQL
 * grammar (its {@code EqlBase.g4}) and the checks its parser applies while building the tree
 * (maxspan units, runs, join key counts, unsupported constructs). Every error is an
 * {@link EqlException} at the offending token's offset.
 *
 * <p>Query level: {@code <category>|any where <expr>}; {@code sequence [by keys] [with maxspan=N<unit>]
 * step+ [until step]} with steps {@code [..]} or missing {@code ![..]}, each {@code [by keys]
 * [with runs=N]}; {@code sample [by keys] [..]+}. Pipes and {@code join} are rejected.
 */
public final class EqlParser {

    private final TokenCursor in;
    private final ExpressionParser expressions;

    private EqlParser(String text) {
        this.in = new TokenCursor(text);
        this.expressions = new ExpressionParser(in);
    }

    /** A whole query: an event query, a sequence or a sample. */
    public static Query parse(String query) {
        try {
            EqlParser p = new EqlParser(query);
            Query q = p.query();
            if (p.in.at(Kind.PIPE)) {
                throw new EqlException(
                        "pipes (| head ...) are not supported", p.in.peek().start());
            }
            p.in.expect(Kind.EOF, "end of query");
            return q;
        } catch (StackOverflowError e) {
            throw tooDeep();
        }
    }

    /** A bare expression, e.g. {@code process.name == "cat" and process.pid > 1}. */
    public static Expr parseExpression(String text) {
        try {
            EqlParser p = new EqlParser(text);
            Expr e = p.expressions.expression();
            p.in.expect(Kind.EOF, "end of expression");
            return e;
        } catch (StackOverflowError e) {
            throw tooDeep();
        }
    }

    /** Recursive descent runs out of stack on absurd nesting; Elasticsearch rejects such queries too. */
    private static EqlException tooDeep() {
        return new EqlException("query is nested too deeply to parse", 0);
    }

    private Query query() {
        if (in.at(Kind.SEQUENCE)) {
            return sequence();
        }
        if (in.at(Kind.SAMPLE)) {
            return sample();
        }
        if (in.at(Kind.JOIN)) {
            throw new EqlException("join queries are not supported", in.peek().start());
        }
        return event();
    }

    /** {@code (any | category) where expression}; a category is an identifier or a string. */
    private Query.Event event() {
        Token category = in.peek();
        String name;
        if (category.is(Kind.ANY)) {
            name = null;
        } else if (category.is(Kind.IDENTIFIER)) {
            name = category.value();
        } else if (category.is(Kind.STRING)) {
            if (category.deferredError() != null) {
                throw new EqlException(category.deferredError(), category.start());
            }
            name = category.value();
        } else if (category.is(Kind.QUOTED_IDENTIFIER)) {
            throw new EqlException(
                    "a category cannot be back-quoted; write it as a string: \"" + category.value() + "\" where ...",
                    category.start());
        } else if (category.is(Kind.WHERE) || in.peek(1).is(Kind.WHERE)) {
            throw new EqlException("expected a category name or 'any' before 'where'", category.start());
        } else {
            throw in.unexpected("a query: '<category> where', 'any where', 'sequence' or 'sample'");
        }
        in.next();
        in.expect(Kind.WHERE, "'where' after the category");
        Expr condition = expressions.expression();
        return new Query.Event(name, condition, category.start(), category.end(), category.start(), condition.end());
    }

    private Query.Sequence sequence() {
        Token sequence = in.next();
        List<Expr> by = List.of();
        Duration maxspan = null;
        if (in.at(Kind.BY)) {
            by = joinKeys();
            if (in.at(Kind.WITH)) {
                maxspan = maxspan();
            }
        } else if (in.at(Kind.WITH)) {
            maxspan = maxspan();
            if (in.at(Kind.BY)) {
                throw new EqlException("Please specify sequence [by] before [with] not after", sequence.start());
            }
        }
        List<Query.Step> steps = new ArrayList<>();
        do {
            steps.add(step(true, "'[' or '![' to start a sequence step"));
        } while (in.at(Kind.LB) || in.at(Kind.MISSING_EVENT_OPEN));
        Query.Step until = null;
        if (in.accept(Kind.UNTIL)) {
            until = step(true, "'[' after 'until'");
            if (until.missing()) {
                throw new EqlException("the until step cannot be a missing event ![...]", until.start());
            }
            if (until.runs() != 1) {
                throw new EqlException("runs is not supported on the until step", until.start());
            }
        }
        SequenceRules.checkSequence(sequence.start(), steps, until, maxspan);
        int end = (until != null ? until : steps.get(steps.size() - 1)).end();
        return new Query.Sequence(by, maxspan, List.copyOf(steps), until, sequence.start(), end);
    }

    private Query.Sample sample() {
        Token sample = in.next();
        List<Expr> by = in.at(Kind.BY) ? joinKeys() : List.of();
        List<Query.Step> steps = new ArrayList<>();
        do {
            if (in.at(Kind.MISSING_EVENT_OPEN)) {
                throw new EqlException(
                        "samples do not support missing events ![...]",
                        in.peek().start());
            }
            steps.add(step(false, "'[' to start a sample step"));
        } while (in.at(Kind.LB) || in.at(Kind.MISSING_EVENT_OPEN));
        SequenceRules.checkSample(sample.start(), steps);
        return new Query.Sample(
                by,
                List.copyOf(steps),
                sample.start(),
                steps.get(steps.size() - 1).end());
    }

    /** {@code ([ | ![) event ] [by keys]}, and {@code [with runs=N]} when {@code withRuns}. */
    private Query.Step step(boolean withRuns, String expected) {
        Token open = in.peek();
        if (!open.is(Kind.LB) && !open.is(Kind.MISSING_EVENT_OPEN)) {
            throw in.unexpected(expected);
        }
        in.next();
        Query.Event event = event();
        in.expect(Kind.RB, "']' to close the step");
        List<Expr> by = in.at(Kind.BY) ? joinKeys() : List.of();
        int runs = 1;
        if (withRuns && in.at(Kind.WITH)) {
            runs = runs();
        }
        return new Query.Step(event, by, runs, open.is(Kind.MISSING_EVENT_OPEN), open.start(), in.lastEnd());
    }

    /** {@code by key (, key)*}; each key is a field, optional ones with {@code ?}. */
    private List<Expr> joinKeys() {
        in.expect(Kind.BY, "'by'");
        List<Expr> keys = new ArrayList<>();
        do {
            Expr key = expressions.expression();
            if (!(key instanceof Expr.Field)) {
                throw new EqlException(
                        "Unsupported join key: join keys are field names, optional ones with '?'", key.start());
            }
            keys.add(key);
        } while (in.accept(Kind.COMMA));
        return List.copyOf(keys);
    }

    /** {@code with maxspan = N unit}. */
    private Duration maxspan() {
        in.expect(Kind.WITH, "'with'");
        in.expect(Kind.MAXSPAN, "'maxspan'");
        in.expect(Kind.ASGN, "'=' after 'maxspan'");
        Token number = in.peek();
        if (!number.is(Kind.INTEGER) && !number.is(Kind.DECIMAL)) {
            throw in.unexpected("a number after 'maxspan='");
        }
        in.next();
        Token unit = in.at(Kind.IDENTIFIER) ? in.next() : null;
        return SequenceRules.maxspan(number, unit);
    }

    /** {@code with runs = N}. */
    private int runs() {
        in.expect(Kind.WITH, "'with'");
        Token key = in.expect(Kind.IDENTIFIER, "'runs'");
        if (!key.text().equals("runs")) {
            throw new EqlException("Unrecognized option [" + key.text() + "], expecting [runs]", key.start());
        }
        in.expect(Kind.ASGN, "'=' after 'runs'");
        Token number = in.peek();
        if (!number.is(Kind.INTEGER) && !number.is(Kind.DECIMAL)) {
            throw in.unexpected("a number after 'runs='");
        }
        in.next();
        return SequenceRules.runs(number);
    }
}
