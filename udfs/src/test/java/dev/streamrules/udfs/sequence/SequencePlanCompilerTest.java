package dev.streamrules.udfs.sequence;

import static dev.streamrules.udfs.sequence.SequenceFixtures.ev;
import static dev.streamrules.udfs.sequence.SequenceFixtures.kind;
import static dev.streamrules.udfs.sequence.SequenceFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamrules.udfs.eql.EqlException;
import dev.streamrules.udfs.eql.EqlParser;
import dev.streamrules.udfs.eql.ast.Expr;
import dev.streamrules.udfs.eql.ast.Query;
import dev.streamrules.udfs.sequence.SequenceFixtures.Ev;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Sequence queries as the parser hands them over (syntax trees built by hand here) become plans; the
 * step conditions come from a stand-in for the EQL compiler ({@code any where kind == "x"}).
 */
class SequencePlanCompilerTest {

    private static final SequencePlanCompiler COMPILER = new SequencePlanCompiler(q ->
            kind((String) ((Expr.Literal) ((Expr.Compare) q.condition()).right()).value()));

    private static Expr.Field field(String path, int at) {
        return new Expr.Field(path, false, at, at + path.length());
    }

    private static Query.Step step(String kind, int at, int runs, boolean missing, Expr... by) {
        Expr condition = new Expr.Compare(
                Expr.CompareOp.EQ, field("kind", at + 12), new Expr.Literal(kind, at + 20, at + 23), at + 12, at + 23);
        return new Query.Step(
                new Query.Event(null, condition, at + 1, at + 4, at + 1, at + 23),
                List.of(by),
                runs,
                missing,
                at,
                at + 24);
    }

    private static Query.Sequence sequence(List<Expr> by, Duration maxspan, Query.Step until, Query.Step... steps) {
        return new Query.Sequence(by, maxspan, List.of(steps), until, 0, 200);
    }

    /** A parent's exec, then two events of its children, all of one user. */
    private static Ev[] parentThenTwoChildren() {
        return new Ev[] {
            ev(1, 1).kind("a").with("user.name", "x").with("process.entity_id", "p"),
            ev(2, 2).kind("b").with("user.name", "x").with("process.parent.entity_id", "p"),
            ev(3, 3).kind("b").with("user.name", "x").with("process.parent.entity_id", "p")
        };
    }

    private static SequencePlan.Builder rule() {
        return SequencePlan.builder("r").lookback(Duration.ofMinutes(9));
    }

    @Test
    void stepsKeysRunsUntilAndMaxspanBecomeThePlan() {
        Query.Sequence query = sequence(
                List.of(field("user.name", 12)),
                Duration.ofMillis(10),
                step("u", 150, 1, false, field("process.entity_id", 180)),
                step("a", 40, 1, false, field("process.entity_id", 70)),
                step("b", 90, 2, false, field("process.parent.entity_id", 120)));
        SequencePlan plan = COMPILER.compile(query, rule());

        assertThat(plan.stageCount()).isEqualTo(3);
        assertThat(plan.stage(0).keys())
                .containsExactly(KeyField.required("user.name"), KeyField.required("process.entity_id"));
        assertThat(plan.stage(2).keys())
                .containsExactly(KeyField.required("user.name"), KeyField.required("process.parent.entity_id"));
        assertThat(plan.until()).isNotNull();
        assertThat(plan.spanMillis()).isEqualTo(10);
        assertThat(run(plan, parentThenTwoChildren())).containsExactly("1,2,3");
    }

    @Test
    void queriesFromTheParserCompile() {
        Query query = EqlParser.parse("sequence by user.name with maxspan=1s\n"
                + "  [any where kind == \"a\"] by process.entity_id\n"
                + "  [any where kind == \"b\"] by process.parent.entity_id with runs=2\n"
                + "  ![any where kind == \"x\"] by process.parent.entity_id\n"
                + "until [any where kind == \"u\"] by process.entity_id");
        SequencePlan plan = COMPILER.compile((Query.Sequence) query, rule());
        assertThat(plan.stageCount()).isEqualTo(4);
        assertThat(plan.hasTrailingMissing()).isTrue();
        assertThat(run(plan, parentThenTwoChildren())).containsExactly("1,2,3");
    }

    @Test
    void samplesCompileToSamplePlans() {
        Query query = EqlParser.parse("sample by user.name [any where kind == \"a\"] [any where kind == \"b\"]");
        SequencePlan plan = COMPILER.compileSample((Query.Sample) query, rule());
        assertThat(run(
                        new SampleMatcher(plan),
                        ev(1, 1).kind("b").with("user.name", "x"),
                        ev(2, 2).kind("a").with("user.name", "x")))
                .containsExactly("2,1");
    }

    @Test
    void missingStepsAndOptionalKeysCarryOver() {
        Query.Sequence query = sequence(
                List.of(new Expr.Field("user.name", true, 12, 22)),
                Duration.ofSeconds(1),
                null,
                step("a", 40, 1, false),
                step("x", 70, 1, true),
                step("b", 100, 1, false));
        SequencePlan plan = COMPILER.compile(query, rule());
        assertThat(plan.missing(1)).isTrue();
        assertThat(plan.stage(0).keys()).containsExactly(KeyField.optional("user.name"));
    }

    @Test
    void errorsPointIntoTheQuery() {
        assertThatThrownBy(() -> COMPILER.compile(
                        sequence(
                                List.of(),
                                null,
                                null,
                                step("a", 40, 1, false, field("process.entity_id", 60)),
                                step("b", 90, 1, false)),
                        rule()))
                .isInstanceOf(EqlException.class)
                .hasMessageContaining("0 join keys, the first step 1")
                .extracting(e -> ((EqlException) e).offset())
                .isEqualTo(90);
        assertThatThrownBy(() -> COMPILER.compile(
                        sequence(
                                List.of(new Expr.Literal("k", 12, 15)),
                                null,
                                null,
                                step("a", 40, 1, false),
                                step("b", 90, 1, false)),
                        rule()))
                .hasMessageContaining("a join key must be a field")
                .extracting(e -> ((EqlException) e).offset())
                .isEqualTo(12);
        assertThatThrownBy(() -> COMPILER.compile(sequence(List.of(), null, null, step("a", 40, 1, false)), rule()))
                .hasMessageContaining("at least 2 steps")
                .extracting(e -> ((EqlException) e).offset())
                .isEqualTo(0);
        assertThatThrownBy(() -> COMPILER.compile(
                        sequence(List.of(), null, null, step("a", 40, 1, true), step("b", 90, 1, true)), rule()))
                .hasMessageContaining("not a missing event");
    }
}
