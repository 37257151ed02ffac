package dev.streamrules.udfs.eql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.udfs.eql.types.FieldTypes;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Queries Elasticsearch refuses, refused at compile time with Elasticsearch's wording and the offset
 * of the offending part ({@code ^} marks it in each row's query).
 */
class EqlCompileErrorTest {

    static final String MAPPING = "{\"mappings\":{\"properties\":{"
            + "\"@timestamp\":{\"type\":\"date\"},"
            + "\"message\":{\"type\":\"text\"},"
            + "\"process\":{\"properties\":{\"name\":{\"type\":\"keyword\"},\"pid\":{\"type\":\"long\"}}}}}}";

    static Stream<Arguments> errors() {
        return Stream.of(
                ecs("process where ^foo(process.name)", "Unknown function [foo]"),
                ecs(
                        "process where length(^1) == 1",
                        "first argument of [length(1)] must be [string], found value [1] type [integer]"),
                ecs(
                        "process where ^length(process.name, 1) == 1",
                        "error building [length]: expects exactly one argument"),
                ecs(
                        "process where ^between(process.name, \"a\") == 1",
                        "error building [between]: expects three or four arguments"),
                ecs(
                        "process where ^cidrMatch(source.ip)",
                        "error building [cidrMatch]: expects at least two arguments"),
                ecs(
                        "process where ^length~(process.name) == 1",
                        "Function [length] does not have a case-insensitive form [length~]"),
                ecs(
                        "process where process.name == ^process.parent.name",
                        "Comparisons against fields are not (currently) supported; offender [process.parent.name] in [==]"),
                ecs(
                        "process where length(process.name) < ^length(process.title)",
                        "Comparisons against fields are not (currently) supported; offender [length(process.title)] in [<]"),
                ecs(
                        "process where process.name in (\"a\", ^process.title)",
                        "Comparisons against variables are not (currently) supported; offender [process.title]"
                                + " in [process.name in (\"a\", process.title)]"),
                ecs("process where process.name regex ^\"a[\"", "Invalid regex [a[]: unexpected end-of-string"),
                ecs(
                        "process where process.pid == ^\"abc\"",
                        "cannot compare [process.pid] of type [long] with [\"abc\"]: For input string: \"abc\""),
                ecs(
                        "process where ^process.pid : \"1\"",
                        "first argument of [process.pid : \"1\"] must be [string], found value [process.pid] type [long]"),
                ecs(
                        "process where process.name in (\"a\", ^1)",
                        "2nd argument of [process.name in (\"a\", 1)] must be [keyword], found value [1] type [integer]"),
                ecs("process where ^length(process.name)", "Condition expression needs to be boolean, found [integer]"),
                ecs("process where ^process.name", "Condition expression needs to be boolean, found [keyword]"),
                ecs(
                        "process where startsWith(^process.pid, \"1\")",
                        "first argument of [startsWith(process.pid, \"1\")] must be [string], found value [process.pid] type [long]"),
                ecs(
                        "process where cidrMatch(^process.name, \"10.0.0.0/8\")",
                        "first argument of [cidrMatch(process.name, \"10.0.0.0/8\")] must be [ip], found value [process.name] type [keyword]"),
                ecs(
                        "process where cidrMatch(source.ip, ^\"10.0.0.0/99\")",
                        "'10.0.0.0/99' is not an IP string literal."),
                ecs("any where source.ip == ^\"not-an-ip\"", "'not-an-ip' is not an IP string literal."),
                ecs(
                        "process where add(process.pid, ^\"x\") == 1",
                        "second argument of [add(process.pid, \"x\")] must be [numeric], found value [\"x\"] type [keyword]"),
                ecs(
                        "process where substring(process.name, ^\"1\") == \"a\"",
                        "second argument of [substring(process.name, \"1\")] must be [integer], found value [\"1\"] type [keyword]"),
                ecs(
                        "any where @timestamp > ^\"yesterday\"",
                        "cannot compare [@timestamp] of type [datetime] with [\"yesterday\"]: failed to parse date field"),
                ecs(
                        "any where process.interactive == ^1",
                        "cannot compare [process.interactive] of type [boolean] with [1]: Can't parse boolean value [1], expected [true] or [false]"),
                ecs(
                        "process where process.pid + ^\"1\" > 2",
                        "second argument of [process.pid + \"1\"] must be [numeric], found value [\"1\"] type [keyword]"),
                ecs(
                        "^sequence [process where true] [process where true]",
                        "sequence queries are not supported yet (issue 8)"),
                ecs(
                        "^sample by host.id [process where true] [process where true]",
                        "sample queries are not supported yet (issue 8)"),
                mapped("process where ^process.nam == \"x\"", "Unknown column [process.nam]"),
                mapped("any where ^process == \"x\"", "Cannot use field [process] type [object] only its subfields"),
                mapped(
                        "any where ^message == \"x\"",
                        "[==] cannot operate on field [message] of data type [text]:"
                                + " No keyword/multi-field defined exact matches for [message]; define one or use MATCH/QUERY instead"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void refusedWithElasticsearchsMessageAtTheOffender(String marked, FieldTypes types, String message) {
        int offset = marked.indexOf('^');
        String query = marked.substring(0, offset) + marked.substring(offset + 1);
        EqlException e = EqlTestSupport.error(types, query);
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.offset()).as("offset in %s", query).isEqualTo(offset);
    }

    private static Arguments ecs(String marked, String message) {
        return Arguments.of(marked, FieldTypes.ecs(), message);
    }

    private static Arguments mapped(String marked, String message) {
        return Arguments.of(marked, FieldTypes.fromMappingJson(MAPPING), message);
    }
}
