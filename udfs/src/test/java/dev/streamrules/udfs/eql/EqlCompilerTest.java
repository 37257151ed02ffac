package dev.streamrules.udfs.eql;

import static dev.streamrules.udfs.eql.EqlTestSupport.compile;
import static dev.streamrules.udfs.eql.EqlTestSupport.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.eql.types.FieldTypes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The compiled query's API (fields read, required terms, serialization) and mapping-dependent semantics. */
class EqlCompilerTest {

    private static final FieldTypes MAPPED = FieldTypes.fromMappingJson("{\"properties\":{"
            + "\"event\":{\"properties\":{\"category\":{\"type\":\"keyword\"}}},"
            + "\"message\":{\"type\":\"text\",\"fields\":{\"keyword\":{\"type\":\"keyword\",\"ignore_above\":5}}},"
            + "\"process\":{\"properties\":{\"name\":{\"type\":\"keyword\",\"ignore_above\":8},\"pid\":{\"type\":\"long\"}}},"
            + "\"proc_name\":{\"type\":\"alias\",\"path\":\"process.name\"}}}");

    @Test
    void fieldsReadNamesEveryFieldAndTheCategory() {
        CompiledEventQuery q = compile("process where process.name == \"a\" and (length(process.args) > 1 or "
                + "not startsWith(process.parent.executable, \"/tmp\")) and ?process.working_directory : \"/x*\"");
        assertThat(q.fieldsRead())
                .containsExactlyInAnyOrder(
                        "event.category",
                        "process.name",
                        "process.args",
                        "process.parent.executable",
                        "process.working_directory");
        assertThat(compile("any where true").fieldsRead()).isEmpty();
    }

    @Test
    void requiredTermsAreTheTopLevelTermClauses() {
        CompiledEventQuery q =
                compile("process where event.action in (\"exec\", \"fork\") and process.name : (\"Cat\", \"TAC\")"
                        + " and user.id == 0 and (process.args == \"x\" or process.args == \"y\") and process.title like \"a*\""
                        + " and not process.parent.name == \"bash\" and process.executable like~ \"/BIN/SH\"");
        assertThat(q.requiredTerms())
                .containsExactly(
                        new TermClause("event.category", Set.of("process"), false),
                        new TermClause("event.action", Set.of("exec", "fork"), false),
                        new TermClause("process.name", Set.of("cat", "tac"), true),
                        new TermClause("user.id", Set.of("0"), false),
                        new TermClause("process.executable", Set.of("/bin/sh"), true));
        assertThat(compile("any where process.name == \"a\" or process.name == \"b\"")
                        .requiredTerms())
                .isEmpty();
        assertThat(compile("any where process.pid == 1").requiredTerms())
                .as("numbers are not keyword terms")
                .isEmpty();
    }

    @Test
    void caseInsensitiveClausesCompareFoldedKeys() {
        TermClause clause =
                compile("any where process.name : \"k\"").requiredTerms().get(0);
        assertThat(clause.accepts("K")).isTrue();
        assertThat(clause.accepts("\u212a")).as("Kelvin sign").isTrue();
        assertThat(clause.accepts("kk")).isFalse();
    }

    @Test
    void survivesJavaSerialization() throws IOException, ClassNotFoundException {
        CompiledEventQuery q = compile(
                "process where process.name regex~ \"C.T\" and length(process.args) > 1"
                        + " and cidrMatch(source.ip, \"10.0.0.0/8\") and @timestamp > \"2024-01-01\" and not process.pid in (1, 2)");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(q);
        }
        CompiledEventQuery copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (CompiledEventQuery) in.readObject();
        }
        EcsEvent matching = event(
                "{\"@timestamp\":\"2024-05-01T00:00:00Z\",\"event\":{\"category\":\"process\"},"
                        + "\"process\":{\"name\":\"cat\",\"args\":[\"cat\",\"x\"],\"pid\":3},\"source\":{\"ip\":\"10.0.0.1\"}}");
        assertThat(copy.test(matching)).isTrue();
        assertThat(copy.fieldsRead()).isEqualTo(q.fieldsRead());
        assertThat(copy.requiredTerms()).isEqualTo(q.requiredTerms());
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "any where message == \"hello\"     | {\"message\":\"hello\"}      | true  | text compares through its keyword multi-field",
                "any where message == \"hello!\"    | {\"message\":\"hello!\"}     | false | the multi-field's ignore_above (5) hides the value",
                "any where process.name == \"abcdefghi\" | {\"process\":{\"name\":\"abcdefghi\"}} | false | the mapping's ignore_above (8)",
                "any where process.name == \"abcdefgh\"  | {\"process\":{\"name\":\"abcdefgh\"}}  | true  | within ignore_above",
                "any where proc_name == \"cat\"     | {\"process\":{\"name\":\"cat\"}} | true  | an alias reads its target",
                "any where ?nowhere == \"x\"        | {\"nowhere\":\"x\"}          | false | an optional field the mapping lacks is null",
                "any where ?nowhere != \"x\"        | {}                        | false | null != x is null, not true",
                "any where ?nowhere == null         | {}                        | true  | an unknown optional field is null",
                "any where not ?nowhere in (\"x\")  | {}                        | false | not of null is null",
                "any where ?nowhere == null and process.pid == 1 | {\"process\":{\"pid\":1}} | true | a folded true in an and",
                "any where not (?nowhere == \"a\" or process.pid == 1) | {\"process\":{\"pid\":2}} | false | not (null or false) is null",
                "any where ?process.name == \"cat\" | {\"process\":{\"name\":\"cat\"}} | true | ? on a known field is the field"
            })
    void mappingDecidesTypesAndUnknownFields(String query, String doc, boolean expected, String rule) {
        assertThat(compile(MAPPED, query).test(event(doc))).as(rule).isEqualTo(expected);
    }

    @Test
    void fieldsReadResolvesAliases() {
        assertThat(compile(MAPPED, "any where proc_name == \"x\"").fieldsRead()).containsExactly("process.name");
    }

    @Test
    void planShowsTheElasticsearchQueryShape() {
        assertThat(compile("process where not (process.pid < 5) and length(process.name) > 1")
                        .plan())
                .isEqualTo(
                        "event.category == \"process\" AND filter[process.pid >= 5, script[length[process.name] > 1]]");
        List<TermClause> none = compile("any where true").requiredTerms();
        assertThat(none).isEmpty();
    }
}
