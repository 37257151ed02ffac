package dev.streamrules.udfs.ecs;

import static dev.streamrules.udfs.testing.EcsEventBuilder.JSON;
import static dev.streamrules.udfs.testing.EcsEventBuilder.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case runs twice: extracting all fields, and extracting only the fields the cases assert.
 * Over 300 lines because it is the one table of every verdict and reason the parser gives.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("parsers")
class EcsEventParserTest {

    /** The paths this class asserts on (and a few that no document has). */
    static final FieldProjection ASSERTED = FieldProjection.of(List.of(
            "process.pid",
            "process.ratio",
            "process.interactive",
            "process.title",
            "process.parent.name",
            "process.parent.pid",
            "process.args",
            "process.args_count",
            "process.env",
            "process",
            "user.name",
            "nope"));

    @Parameter
    EcsEventParser parser;

    static Stream<Arguments> parsers() {
        return Stream.of(
                Arguments.of(Named.of("all fields", new EcsEventParser())),
                Arguments.of(Named.of("projection", new EcsEventParser(ASSERTED))));
    }

    /** A valid minimal event's text up to (not including) the value of host.id. */
    private static final String HOST_PREFIX = "{\"host\":{\"id\":\"h";

    private static final String HOST_SUFFIX = "\"}}";

    // ---------------------------------------------------------------- malformed input -> dead letter

    static Stream<Arguments> malformed() {
        return Stream.of(
                dead("truncated JSON", "{\"host\":{\"id\":\"h\"}", "invalid JSON: Unexpected end-of-input"),
                dead("trailing garbage after the object", "{\"host\":{\"id\":\"h\"}} x", "invalid JSON"),
                dead("trailing comma", "{\"host\":{\"id\":\"h\"},}", "invalid JSON"),
                dead(
                        "two objects on one line",
                        "{\"host\":{\"id\":\"h\"}}{\"host\":{\"id\":\"i\"}}",
                        "invalid JSON: Trailing token"),
                dead("comment", "{\"host\":{\"id\":\"h\"}} // x", "invalid JSON"),
                dead("lone continuation byte", utf8(HOST_PREFIX, 0x80, HOST_SUFFIX), "invalid UTF-8 at byte 16"),
                dead("overlong encoding C0 AF", utf8(HOST_PREFIX, 0xC0, 0xAF, HOST_SUFFIX), "invalid UTF-8 at byte 16"),
                dead(
                        "overlong 3-byte E0 80 AF",
                        utf8(HOST_PREFIX, 0xE0, 0x80, 0xAF, HOST_SUFFIX),
                        "invalid UTF-8 at byte 16"),
                dead(
                        "UTF-16 surrogate ED A0 80",
                        utf8(HOST_PREFIX, 0xED, 0xA0, 0x80, HOST_SUFFIX),
                        "invalid UTF-8 at byte 16"),
                dead(
                        "above U+10FFFF F4 90 80 80",
                        utf8(HOST_PREFIX, 0xF4, 0x90, 0x80, 0x80, HOST_SUFFIX),
                        "invalid UTF-8 at byte 16"),
                dead(
                        "truncated multibyte at the end",
                        utf8("{\"host\":{\"id\":\"h\"}}", 0xE2, 0x82),
                        "invalid UTF-8 at byte 19"),
                dead(
                        "multibyte cut by a quote",
                        utf8(HOST_PREFIX, 0xE2, 0x82, HOST_SUFFIX),
                        "invalid UTF-8 at byte 16"),
                dead("array", "[{\"host\":{\"id\":\"h\"}}]", "not a JSON object"),
                dead("string", "\"host\"", "not a JSON object"),
                dead("number", "42", "not a JSON object"),
                dead("null", "null", "not a JSON object"),
                dead("empty line", "", "empty record"),
                dead("whitespace line", " \t\r\n ", "empty record"),
                dead(
                        "record of 1 MiB + 1 byte",
                        ofSize(EcsEventParser.MAX_RECORD_BYTES + 1),
                        "record larger than 1048576 bytes"),
                dead("raw nesting depth 201", depth(201, 201), "nesting deeper than 200"),
                dead("dotted-key nesting depth 201", depth(1, 201), "nesting deeper than 200"),
                dead("raw 100 + dotted 101, depth 201", depth(100, 201), "nesting deeper than 200"),
                dead(
                        "raw array nesting depth 201",
                        "{\"host.id\":\"h\",\"a\":" + "[".repeat(200) + "]".repeat(200) + "}",
                        "nesting deeper than 200"),
                dead("duplicate key", "{\"host\":{\"id\":\"h\"},\"a\":1,\"a\":2}", "invalid JSON: Duplicate field 'a'"),
                dead("duplicate nested key", "{\"host\":{\"id\":\"h\",\"id\":\"h\"}}", "Duplicate field 'id'"),
                dead(
                        "duplicate key where no rule reads",
                        "{\"host\":{\"id\":\"h\"},\"agent\":{\"x\":[{\"y\":1,\"y\":2}]}}",
                        "invalid JSON: Duplicate field 'y'"),
                dead(
                        "duplicate key after a dotted key, where no rule reads",
                        "{\"host.id\":\"h\",\"agent\":{\"x\":[{\"y\":1,\"y\":2}]}}",
                        "invalid JSON: Duplicate field 'y'"),
                dead(
                        "conflict where no rule reads",
                        "{\"host\":{\"id\":\"h\"},\"agent\":{\"a\":1,\"a.b\":2}}",
                        "field agent.a is both a value and an object"),
                dead(
                        "blank segment where no rule reads",
                        "{\"host\":{\"id\":\"h\"},\"agent\":{\"z\":{\"a.\":2}}}",
                        "empty field name in key \"a.\" under agent.z"),
                dead("empty segment a..b", "{\"host.id\":\"h\",\"a..b\":1}", "empty field name in key \"a..b\""),
                dead("leading dot .a", "{\"host.id\":\"h\",\".a\":1}", "empty field name in key \".a\""),
                dead("trailing dot a.", "{\"host.id\":\"h\",\"a.\":1}", "empty field name in key \"a.\""),
                dead("empty key", "{\"host.id\":\"h\",\"\":1}", "empty field name in key \"\""),
                dead(
                        "blank segment under a path",
                        "{\"host.id\":\"h\",\"x\":{\"a. \":1}}",
                        "empty field name in key \"a. \" under x"),
                dead(
                        "value, then object under it",
                        "{\"host.id\":\"h\",\"process\":\"x\",\"process.name\":\"y\"}",
                        "field process is both a value and an object"),
                dead(
                        "object, then value at its path",
                        "{\"host.id\":\"h\",\"process.name\":\"y\",\"process\":\"x\"}",
                        "field process is both a value and an object"),
                dead(
                        "object, then array of values",
                        "{\"host.id\":\"h\",\"process.name\":\"y\",\"process\":[\"x\"]}",
                        "field process is both a value and an object"),
                dead(
                        "value array, then dotted key",
                        "{\"host.id\":\"h\",\"process\":[null,\"x\"],\"process.name\":\"y\"}",
                        "field process is both a value and an object"));
    }

    private static Arguments dead(String name, String json, String reason) {
        return dead(name, json.getBytes(StandardCharsets.UTF_8), reason);
    }

    private static Arguments dead(String name, byte[] payload, String reason) {
        return Arguments.of(Named.of(name, payload), reason);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformed")
    void malformedRecordsBecomeDeadLetters(byte[] payload, String reason) {
        ParseResult result = parser.parse(RawRecord.line("in.ndjson", 7, payload, false));
        assertThat(result.isValid()).as("%s", result).isFalse();
        DeadLetter dead = result.deadLetter();
        assertThat(dead.getReason()).contains(reason);
        assertThat(dead.getSource()).isEqualTo("in.ndjson");
        assertThat(dead.getPosition()).isEqualTo(7);
    }

    @Test
    void truncatedFlagMakesADeadLetterWhateverThePayload() {
        byte[] valid = "{\"host\":{\"id\":\"h\"}}".getBytes(StandardCharsets.UTF_8);
        ParseResult result = parser.parse(RawRecord.line("in.ndjson", 3, valid, true));
        assertThat(result.deadLetter().getReason()).isEqualTo("record larger than 1048576 bytes");
        assertThat(result.deadLetter().isOriginalTruncated()).isTrue();
    }

    @Test
    void nullPayloadIsAnEmptyRecord() {
        assertThat(parser.parse(RawRecord.kafka("t", 0, 1, null)).deadLetter().getReason())
                .isEqualTo("empty record");
    }

    // ---------------------------------------------------------------- boundaries that are still valid

    static Stream<Arguments> validAtTheLimit() {
        return Stream.of(
                Arguments.of(Named.of("exactly 1 MiB", ofSize(EcsEventParser.MAX_RECORD_BYTES))),
                Arguments.of(Named.of("raw nesting depth 200", bytes(depth(200, 200)))),
                Arguments.of(Named.of("dotted-key nesting depth 200", bytes(depth(1, 200)))),
                Arguments.of(Named.of("raw 100 + dotted 100, depth 200", bytes(depth(100, 200)))),
                Arguments.of(Named.of(
                        "surrounding whitespace", " \t{\"host\":{\"id\":\"h\"}}\r\n".getBytes(StandardCharsets.UTF_8))),
                Arguments.of(Named.of(
                        "valid multibyte UTF-8",
                        utf8(HOST_PREFIX, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, HOST_SUFFIX))));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("validAtTheLimit")
    void limitsAreInclusive(byte[] payload) {
        ParseResult result = parser.parse(RawRecord.line("in.ndjson", 1, payload, false));
        assertThat(result.isValid()).as("%s", result).isTrue();
        assertThat(result.event().getHostId()).startsWith("h");
    }

    // ---------------------------------------------------------------- host.id

    /**
     * Without exactly one non-empty {@code host.id} an event is still valid: Elasticsearch indexes it
     * and matches queries on its other fields (and on every value of a multi-valued {@code host.id}).
     * It is keyed by {@link EcsEvent#NO_HOST}: no process tree, and sequences key it by their join keys.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            missing host.id                | {"host":{"name":"h"},"user":{"name":"alice"}}              |
            empty host.id                  | {"host":{"id":""},"user":{"name":"alice"}}                 | ``
            null host.id                   | {"host":{"id":null},"user":{"name":"alice"}}               |
            empty host.id array            | {"host":{"id":[]},"user":{"name":"alice"}}                 |
            two host.id values in an array | {"host":{"id":["a","b"]},"user":{"name":"alice"}}          | a,b
            host.id in both spellings      | {"host":{"id":"a"},"host.id":"a","user":{"name":"alice"}}  | a,a
            """)
    void eventsWithoutASingleHostIdAreValidAndKeyedByNoHost(String name, String json, String hostIds) {
        ParseResult result = parser.parse(RawRecord.line("in.ndjson", 4, json.getBytes(StandardCharsets.UTF_8), false));
        assertThat(result.isValid()).as("%s", result).isTrue();
        EcsEvent event = result.event();
        assertThat(event.hasHost()).isFalse();
        assertThat(event.getHostId()).isEqualTo(EcsEvent.NO_HOST);
        assertThat(event.values("user.name")).containsExactly("alice");
        assertThat(event.values(EcsEventParser.HOST_ID))
                .as("rules still read every host.id value")
                .isEqualTo(hostIds == null ? null : hostIds.split(",", -1));
    }

    // ---------------------------------------------------------------- normalization

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            dotted and nested mix | {"host.id":"h","process":{"name":"cat","entry_leader.name":"bash"},"process.args":["a","b"]} \
                                  | {"host":{"id":"h"},"process":{"name":"cat","entry_leader":{"name":"bash"},"args":["a","b"]}}
            same path both ways   | {"host":{"id":"h"},"process":{"name":"a"},"process.name":"b"} \
                                  | {"host":{"id":"h"},"process":{"name":["a","b"]}}
            both ways, arrays     | {"host.id":"h","event.type":["start"],"event":{"type":["change","end"]}} \
                                  | {"host":{"id":"h"},"event":{"type":["start","change","end"]}}
            objects merge deeply  | {"host":{"id":"h"},"host.os.type":"linux","host.os":{"name":"Debian"}} \
                                  | {"host":{"id":"h","os":{"type":"linux","name":"Debian"}}}
            null object, dotted   | {"host.id":"h","process":null,"process.name":"cat"} \
                                  | {"host":{"id":"h"},"process":{"name":"cat"}}
            object array, dotted  | {"host.id":"h","process":[{"pid":1}],"process.name":"cat"} \
                                  | {"host":{"id":"h"},"process":[{"pid":1},{"name":"cat"}]}
            empty array, dotted   | {"host.id":"h","process":[],"process.name":"cat"} \
                                  | {"host":{"id":"h"},"process":[{"name":"cat"}]}
            dotted, then []       | {"host.id":"h","process.name":"cat","process":[]} \
                                  | {"host":{"id":"h"},"process":[{"name":"cat"}]}
            dotted, then null     | {"host.id":"h","process.name":"cat","process":null} \
                                  | {"host":{"id":"h"},"process":[{"name":"cat"},null]}
            dotted inside arrays  | {"host.id":"h","p":[{"a.b":1},{"a":{"c":2}}]} \
                                  | {"host":{"id":"h"},"p":[{"a":{"b":1}},{"a":{"c":2}}]}
            """)
    void normalizesToNestedObjects(String name, String input, String expected) {
        assertThat(tree(parse(input).getDocument())).isEqualTo(tree(expected));
    }

    @Test
    void indexesEveryLeafByDottedPath() {
        EcsEvent e = parse("{\"host\":{\"id\":7},"
                + "\"process\":{\"pid\":1234,\"ratio\":0.5,\"interactive\":true,\"title\":null,"
                + "\"parent\":[{\"name\":\"sshd\",\"pid\":1},{\"name\":\"bash\"},{\"name\":null}],"
                + "\"args\":[\"cat\",null,[\"nested\"]],\"env\":{}},"
                + "\"user.name\":\"alice\",\"process.args_count\":2}");
        assertThat(e.getHostId()).isEqualTo("7");
        assertThat(e.values("process.pid")).containsExactly("1234");
        assertThat(e.values("process.ratio")).containsExactly("0.5");
        assertThat(e.values("process.interactive")).containsExactly("true");
        assertThat(e.values("process.parent.name")).containsExactly("sshd", "bash");
        assertThat(e.values("process.parent.pid")).containsExactly("1");
        assertThat(e.values("process.args")).containsExactly("cat", "nested");
        assertThat(e.values("user.name")).containsExactly("alice");
        assertThat(e.first("process.args_count")).isEqualTo("2");
        assertThat(e.has("process.title")).as("nulls are not indexed").isFalse();
        assertThat(e.has("process.env")).as("empty objects have no leaves").isFalse();
        assertThat(e.values("process")).isNull();
        assertThat(e.first("nope")).isNull();
        assertThat(e.getFieldNames()).isSorted();
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            "2024-05-01T12:00:00.123456789Z"   | 1714564800123
            "2024-05-01T12:00:00Z"             | 1714564800000
            "2024-05-01T14:00:00.5+02:00"      | 1714564800500
            "2024-05-01T07:00:00.250-05:00"    | 1714564800250
            1714564800123                      | 1714564800123
            "yesterday"                        | -9223372036854775808
            "2024-13-01T00:00:00Z"             | -9223372036854775808
            "1714564800123"                    | -9223372036854775808
            1714564800.5                       | -9223372036854775808
            null                               | -9223372036854775808
            """)
    void readsTimestamps(String timestamp, long expectedMillis) {
        EcsEvent e = parse("{\"host\":{\"id\":\"h\"},\"@timestamp\":" + timestamp + "}");
        assertThat(e.getTimestampMillis()).isEqualTo(expectedMillis);
    }

    @Test
    void missingTimestampIsNoTimestamp() {
        assertThat(parse("{\"host\":{\"id\":\"h\"}}").getTimestampMillis()).isEqualTo(EcsEvent.NO_TIMESTAMP);
    }

    @Test
    void eventKeepsItsOrigin() {
        EcsEvent fromFile = parse("{\"host\":{\"id\":\"h\"}}", 12);
        assertThat(fromFile.origin()).isEqualTo("events.ndjson:12");
        EcsEvent fromKafka = parser.parse(
                        RawRecord.kafka("ecs", 3, 1042, "{\"host.id\":\"h\"}".getBytes(StandardCharsets.UTF_8)))
                .event();
        assertThat(fromKafka.origin()).isEqualTo("ecs/3@1042");
    }

    // ---------------------------------------------------------------- dead letter JSON

    @Test
    void deadLetterFromAFileNamesFileAndLine() throws Exception {
        JsonNode json = JSON.readTree(parser.parse(RawRecord.line("in.ndjson", 5, bytes("[1]"), false))
                .deadLetter()
                .toJson());
        assertThat(json)
                .isEqualTo(
                        tree("{\"kind\":\"event\",\"file\":\"in.ndjson\",\"line\":5,\"reason\":\"not a JSON object\","
                                + "\"original\":\"[1]\",\"original_truncated\":false}"));
    }

    @Test
    void deadLetterFromKafkaNamesTopicPartitionAndOffset() throws Exception {
        JsonNode json = JSON.readTree(parser.parse(RawRecord.kafka("ecs", 2, 99, bytes("{")))
                .deadLetter()
                .toJson());
        assertThat(json.get("topic").asText()).isEqualTo("ecs");
        assertThat(json.get("partition").asInt()).isEqualTo(2);
        assertThat(json.get("offset").asLong()).isEqualTo(99);
        assertThat(json.has("file")).isFalse();
        assertThat(json.has("line")).isFalse();
        assertThat(json.get("reason").asText()).startsWith("invalid JSON");
        assertThat(json.get("original").asText()).isEqualTo("{");
    }

    @ParameterizedTest(name = "[{index}] {0} chars + {1}")
    @CsvSource({
        "4090, '', 4090, false", "4096, '', 4096, false", "4097, '', 4096, true",
        "5000, x, 4096, true", "4095, \uD83D\uDE00, 4095, true", "4094, \uD83D\uDE00, 4096, false"
    })
    void deadLetterKeepsAtMost4096CharsWithoutSplittingACharacter(
            int asciiChars, String tail, int keptChars, boolean truncated) throws Exception {
        String text = "[" + "a".repeat(asciiChars - 1) + tail;
        JsonNode json = JSON.readTree(parser.parse(RawRecord.line("in", 1, bytes(text), false))
                .deadLetter()
                .toJson());
        String original = json.get("original").asText();
        assertThat(original).hasSize(keptChars).isEqualTo(text.substring(0, keptChars));
        assertThat(Character.isHighSurrogate(original.charAt(original.length() - 1)))
                .isFalse();
        assertThat(json.get("original_truncated").asBoolean()).isEqualTo(truncated);
    }

    @Test
    void deadLetterShowsInvalidUtf8AsReplacementCharacters() {
        DeadLetter dead = parser.parse(RawRecord.line("in", 1, utf8("{\"a\":\"", 0xC0, 0xAF, "\"}"), false))
                .deadLetter();
        assertThat(dead.getReason()).isEqualTo("invalid UTF-8 at byte 6");
        assertThat(dead.getOriginal()).startsWith("{\"a\":\"").endsWith("\"}").contains("\uFFFD");
    }

    @Test
    void projectionExtractsOnlyWhatItNames() {
        EcsEvent e =
                parse("{\"host\":{\"id\":\"h\"},\"process\":{\"pid\":1,\"name\":\"cat\"},\"event.action\":\"exec\"}");
        if (parser.projection().isAll()) {
            assertThat(e.fields()).containsOnlyKeys("host.id", "process.pid", "process.name", "event.action");
        } else {
            assertThat(e.fields()).containsOnlyKeys("host.id", "process.pid");
        }
    }

    // ---------------------------------------------------------------- helpers

    private EcsEvent parse(String json) {
        return parse(json, 1);
    }

    private EcsEvent parse(String json, long lineNumber) {
        ParseResult result = parser.parse(EcsEventBuilder.line(json, lineNumber));
        assertThat(result.isValid()).as("valid: %s", result).isTrue();
        return result.event();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Concatenates strings (as UTF-8) and raw byte values. */
    private static byte[] utf8(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String) {
                out.writeBytes(bytes((String) part));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    /** A valid event of exactly {@code size} bytes, padded inside a string value. */
    private static byte[] ofSize(int size) {
        byte[] head = bytes("{\"host\":{\"id\":\"h\"},\"pad\":\"");
        byte[] tail = bytes("\"}");
        byte[] out = new byte[size];
        Arrays.fill(out, (byte) 'a');
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(tail, 0, out, size - tail.length, tail.length);
        return out;
    }

    /**
     * An event nested {@code total} objects deep (the root counting as 1): {@code raw} levels of nested
     * objects, then one dotted key whose expansion adds the rest.
     */
    private static String depth(int raw, int total) {
        return "{\"host.id\":\"h\"," + "\"n\":{".repeat(raw - 1) + "\"" + "d.".repeat(total - raw) + "leaf\":1"
                + "}".repeat(raw);
    }
}
