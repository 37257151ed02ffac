package dev.streamrules.udfs.sequence;

import static dev.streamrules.udfs.sequence.SequenceFixtures.ev;
import static dev.streamrules.udfs.sequence.SequenceFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamrules.udfs.eql.EqlCompiler;
import dev.streamrules.udfs.eql.EqlException;
import dev.streamrules.udfs.eql.EqlParser;
import dev.streamrules.udfs.eql.ast.Query;
import dev.streamrules.udfs.sequence.SequenceFixtures.Ev;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Sequence rules from query text to matches: the EQL parser and compiler feeding the plan compiler. */
class CompiledSequenceTest {

    /** A process exec followed within 1 s by a uid change to root of the same process. */
    private static final String EXEC_THEN_ROOT = """
            sequence by host.id, process.entity_id with maxspan=1s
              [process where event.type == "start" and event.action == "exec"]
              [process where event.action == "uid_change" and user.id == "0"]
            """;

    private static SequencePlan compile(String text) {
        EqlCompiler eql = EqlCompiler.ecs();
        Query query = EqlParser.parse(text);
        return new SequencePlanCompiler(q -> eql.compile(q, text))
                .compile(
                        (Query.Sequence) query,
                        SequencePlan.builder("exec-root").lookback(Duration.ofMinutes(9)));
    }

    private static Ev exec(int id, long millis, String entity) {
        return ev(id, millis)
                .with("event.type", new String[] {"start"})
                .with("event.action", "exec")
                .with("process.entity_id", entity);
    }

    private static Ev uidChange(int id, long millis, String entity, Object uid) {
        return ev(id, millis)
                .with("event.type", new String[] {"change"})
                .with("event.action", "uid_change")
                .with("process.entity_id", entity)
                .with("user.id", uid);
    }

    @Test
    void anExecThenARootUidChangeOfTheSameProcessMatches() {
        SequencePlan plan = compile(EXEC_THEN_ROOT);
        assertThat(plan.hostKeyPosition()).isZero();
        assertThat(run(plan, exec(1, 0, "p1"), uidChange(2, 400, "p1", 0))).containsExactly("1,2");
    }

    @Test
    void nearMissesDoNot() {
        SequencePlan plan = compile(EXEC_THEN_ROOT);
        assertThat(run(plan, exec(1, 0, "p1"), uidChange(2, 400, "p2", 0)))
                .as("another process")
                .isEmpty();
        assertThat(run(plan, exec(1, 0, "p1"), uidChange(2, 1_001, "p1", 0)))
                .as("beyond maxspan")
                .isEmpty();
        assertThat(run(plan, exec(1, 0, "p1"), uidChange(2, 400, "p1", 1000)))
                .as("not root")
                .isEmpty();
    }

    @Test
    void thePlanNamesEveryFieldItReads() {
        assertThat(compile(EXEC_THEN_ROOT).fieldsRead())
                .contains(
                        "@timestamp",
                        "event.sequence",
                        "event.category",
                        "event.type",
                        "event.action",
                        "user.id",
                        "host.id",
                        "process.entity_id");
    }

    @Test
    void stepCompileErrorsKeepTheirOffsetInTheWholeQuery() {
        String text = "sequence [process where true] [process where nosuchfn(process.name)]";
        assertThatThrownBy(() -> compile(text))
                .isInstanceOf(EqlException.class)
                .extracting(e -> ((EqlException) e).offset())
                .isEqualTo(text.indexOf("nosuchfn"));
    }
}
