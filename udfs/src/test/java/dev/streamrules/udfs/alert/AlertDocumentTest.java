package dev.streamrules.udfs.alert;

import static dev.streamrules.udfs.testing.EcsEventBuilder.tree;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.streamrules.udfs.alert.AlertDocument.AlertMembers;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The two ways to an alert document give the same document: copied members and the normalized tree. */
class AlertDocumentTest {

    private static final String TIMESTAMP = "2024-05-01T12:00:05.250Z";

    private static final String PROCESS_TREE =
            "{\"process_tree\":{\"filled_fields\":[\"process.entry_leader.name\"],\"entry_leader\":{\"name\":\"bash\",\"pid\":7}}}";

    /** Writes what the builder's members depend on: the original time and event. */
    private static final AlertMembers MEMBERS = (g, originalTime, originalEvent) -> {
        g.writeStringField("uuid", "u-1");
        if (originalTime != null) {
            g.writeFieldName("original_time");
            originalTime.write(g);
        }
        g.writeFieldName("original_event");
        originalEvent.write(g);
        g.writeFieldName("rule");
        g.writeRawValue("{\"name\":\"r\"}");
    };

    /** Documents whose members are copied, each with and without an enrichment that adds a member. */
    static Stream<Arguments> plainDocuments() {
        List<String> documents = List.of(
                EcsEventBuilder.procMapsRead().json(),
                EcsEventBuilder.procMapsRead().remove("event.kind").json(),
                EcsEventBuilder.procMapsRead().remove("event").json(),
                EcsEventBuilder.procMapsRead().remove("@timestamp").json(),
                EcsEventBuilder.procMapsRead().set("@timestamp", 1714564805250L).json(),
                EcsEventBuilder.procMapsRead()
                        .set("@timestamp", List.of("a", "b"))
                        .json(),
                EcsEventBuilder.procMapsRead()
                        .edit(d -> d.putNull("@timestamp"))
                        .json(),
                pretty(EcsEventBuilder.procMapsRead().json()),
                "{\"event\":{\"kind\":\"event\"},\"a\":1}",
                "{\"a\":1,\"event\":{\"id\":\"x\"}}",
                "{\"event\":{}}",
                "{}",
                "{\"process\":{\"name\":\"c\\u0061t\",\"args\":[\"a\\\"b\",\"c\\\\d\",\"\\/x\",\"é\",\"\\ud83d\\ude00\"]},"
                        + "\"event\":{\"kind\":\"alert\",\"n\":1.0,\"m\":1e3,\"z\":-0,\"big\":12345678901234567890123,"
                        + "\"t\":true,\"f\":false,\"nil\":null,\"deep\":[[{\"a\":[]}]]},\"last\":\"é\"}",
                " { \"a\" : [ 1 , { \"b\" : \"c\" } ] , \"event\" : { \"kind\" : \"x\" , \"y\" : 2 } } ");
        List<Arguments> cases = new ArrayList<>();
        for (String document : documents) {
            cases.add(Arguments.of(document, null));
            cases.add(Arguments.of(document, PROCESS_TREE));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "[{index}] {0} + {1}")
    @MethodSource("plainDocuments")
    void copiedMembersGiveTheTreesDocument(String document, String enrichment) {
        byte[] payload = document.getBytes(StandardCharsets.UTF_8);
        String spliced = AlertDocument.spliced(payload, enrichment, TIMESTAMP, MEMBERS);
        assertThat(spliced).as("copied, not through the tree").isNotNull();
        assertThat(ordered(spliced)).isEqualTo(ordered(AlertDocument.tree(payload, enrichment, TIMESTAMP, MEMBERS)));
    }

    /** Documents that need the tree: what it merges, and every other source of a difference. */
    static Stream<Arguments> documentsForTheTree() {
        String event = EcsEventBuilder.procMapsRead().json();
        return Stream.of(
                Arguments.of(
                        EcsEventBuilder.procMapsRead().dotted("process.name").json(), null),
                Arguments.of(
                        EcsEventBuilder.procMapsRead()
                                .key("process.entry_leader.name", "zsh")
                                .json(),
                        null),
                Arguments.of("{\"a\":[{\"b\":{\"c.d\":1}}]}", null),
                Arguments.of("{\"kibana\":{\"alert\":{\"uuid\":\"old\",\"x\":1},\"space_ids\":[\"s\"]}}", null),
                Arguments.of("{\"event\":null,\"a\":1}", null),
                Arguments.of(event, "{\"process\":{\"parent\":{\"name\":\"sshd\"}}}"),
                Arguments.of(event, "{\"kibana\":{\"alert\":{\"process_tree\":[\"sshd\"]}}}"),
                Arguments.of(event, "{\"event\":{\"outcome\":\"success\"}}"),
                Arguments.of(event, "{\"@timestamp\":\"then\"}"),
                Arguments.of(event, "{\"a.b\":1}"),
                Arguments.of(event, "{\"a\":1,\"a\":2}"));
    }

    @ParameterizedTest(name = "[{index}] {0} + {1}")
    @MethodSource("documentsForTheTree")
    void othersTakeTheTree(String document, String enrichment) {
        byte[] payload = document.getBytes(StandardCharsets.UTF_8);
        assertThat(AlertDocument.spliced(payload, enrichment, TIMESTAMP, MEMBERS))
                .isNull();
        assertThat(AlertDocument.write(payload, enrichment, TIMESTAMP, MEMBERS))
                .isEqualTo(AlertDocument.tree(payload, enrichment, TIMESTAMP, MEMBERS));
    }

    /** Reads back what the paths wrote: a member written twice must fail, not hide behind the last. */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The document's values with their order: a re-read tree printed again. */
    private static String ordered(String json) {
        try {
            return STRICT.readTree(json).toString();
        } catch (JsonProcessingException e) {
            throw new AssertionError("not one JSON document: " + json, e);
        }
    }

    private static String pretty(String json) {
        try {
            return EcsEventBuilder.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
