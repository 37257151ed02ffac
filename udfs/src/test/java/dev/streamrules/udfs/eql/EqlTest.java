package dev.streamrules.udfs.eql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamrules.udfs.testing.EcsEventBuilder;
import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.rule.ProcMapsDiscoveryRule;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.function.Function;
import java.util.stream.Stream;

class EqlTest {

    static Stream<Arguments> invalidConditions() {
        return Stream.of(
                invalid("== with null field", () -> Eql.equalTo(null, "x"), "field name must not be blank"),
                invalid("== with empty field", () -> Eql.equalTo("", "x"), "field name must not be blank"),
                invalid("in with blank field", () -> Eql.in("  ", "x"), "field name must not be blank"),
                invalid(": with blank field", () -> Eql.like("\t", "x*"), "field name must not be blank"),
                invalid("== with null value", () -> Eql.equalTo("process.name", null), "== needs a value for process.name"),
                invalid("in without values", () -> Eql.in("process.name"), "in needs at least one value for process.name"),
                invalid("in with null array", () -> Eql.in("process.name", (String[]) null), "in needs at least one value"),
                invalid("in with a null value", () -> Eql.in("process.name", "cat", null), "in needs non-null values for process.name"),
                invalid("in with only a null value", () -> Eql.in("process.name", (String) null), "in needs non-null values"),
                invalid(": without patterns", () -> Eql.like("process.args"), ": needs at least one pattern for process.args"),
                invalid(": with a null pattern", () -> Eql.like("process.args", "a*", null), "wildcard pattern must not be null"),
                invalid("category null", () -> Eql.category(null), "== needs a value for event.category"),
                invalid("allOf nothing", Eql::allOf, "allOf needs at least one condition"));
    }

    private static Arguments invalid(String name, ThrowingCallable build, String message) {
        return Arguments.of(Named.of(name, build), message);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalidConditions")
    void rejectsInvalidConditionsWhenBuilt(ThrowingCallable build, String message) {
        assertThatThrownBy(build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    static Stream<Arguments> readableConditions() {
        return Stream.of(
                Arguments.of(Eql.equalTo("host.os.type", "linux"), "host.os.type == \"linux\""),
                Arguments.of(Eql.in("process.name", "grep", "cat"), "process.name in (\"cat\", \"grep\")"),
                Arguments.of(Eql.in("process.name", "cat"), "process.name == \"cat\""),
                Arguments.of(Eql.like("process.args", "/proc/*/maps"), "process.args : \"/proc/*/maps\""),
                Arguments.of(Eql.like("process.args", "a*", "b?"), "process.args : [\"a*\", \"b?\"]"),
                Arguments.of(Eql.category("process"), "event.category == \"process\""),
                Arguments.of(Eql.allOf(Eql.category("process"), Eql.equalTo("event.action", "exec")),
                        "event.category == \"process\" and event.action == \"exec\""),
                Arguments.of(Eql.allOf(Eql.in("process.name", "cat", "grep"), Eql.equalTo("event.action", "exec"),
                                Eql.like("process.args", "/proc/*/maps"), Eql.category("process"),
                                Eql.equalTo("event.type", "start"), Eql.equalTo("host.os.type", "linux"),
                                Eql.in("process.entry_leader.name", ProcMapsDiscoveryRule.SHELLS)),
                        "process.name in (\"cat\", \"grep\") and event.action == \"exec\""
                                + " and process.args : \"/proc/*/maps\" and event.category == \"process\""
                                + " and event.type == \"start\" and host.os.type == \"linux\""
                                + " and process.entry_leader.name in (\"bash\", \"csh\", \"dash\", \"fish\", \"ksh\","
                                + " \"sh\", \"tcsh\", \"zsh\")"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("readableConditions")
    void toStringReadsLikeEql(EventCondition condition, String expected) {
        assertThat(condition).hasToString(expected);
    }

    /** Each operator skips values longer than ignore_above (1024), as Elasticsearch never indexes them. */
    static Stream<Arguments> ignoreAbove() {
        Function<String, EventCondition> eq = v -> Eql.equalTo("f", v);
        Function<String, EventCondition> in = v -> Eql.in("f", v, "other");
        Function<String, EventCondition> like = v -> Eql.like("f", v.substring(0, 3) + "*");
        return Stream.of(Named.of("==", eq), Named.of("in", in), Named.of(":", like))
                .flatMap(op -> Stream.of(Arguments.of(op, 1024, true), Arguments.of(op, 1025, false)));
    }

    @ParameterizedTest(name = "[{index}] {0} on {1} chars -> {2}")
    @MethodSource("ignoreAbove")
    void valuesAboveIgnoreAboveNeverMatch(Function<String, EventCondition> operator, int length, boolean expected) {
        String value = "x".repeat(length);
        EcsEvent event = EcsEventBuilder.parse("{\"host\":{\"id\":\"h\"},\"f\":[\"y\",\"" + value + "\"]}");
        assertThat(operator.apply(value).test(event)).isEqualTo(expected);
    }

    @Test
    void survivesJavaSerializationAsFlinkShipsIt() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(ProcMapsDiscoveryRule.RULE.condition());
        }
        EventCondition copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (EventCondition) in.readObject();
        }
        EcsEvent matching = EcsEventBuilder.procMapsRead().event();
        EcsEvent other = EcsEventBuilder.procMapsRead().set("process.args", "/proc/1/smaps").event();
        assertThat(copy.test(matching)).isTrue();
        assertThat(copy.test(other)).isFalse();
        assertThat(copy).hasToString(ProcMapsDiscoveryRule.RULE.condition().toString());
    }
}
