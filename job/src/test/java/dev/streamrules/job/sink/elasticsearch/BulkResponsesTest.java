package dev.streamrules.job.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BulkResponsesTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                "201 | null                                | CREATED",
                "200 | null                                | CREATED",
                "409 | version_conflict_engine_exception   | ALREADY_PRESENT",
                "400 | mapper_parsing_exception            | REJECT",
                "400 | document_parsing_exception          | REJECT",
                "400 | strict_dynamic_mapping_exception    | REJECT",
                "400 | illegal_argument_exception          | REJECT",
                "400 | action_request_validation_exception | REJECT",
                "400 | null                                | REJECT",
                "400 | index_closed_exception              | RETRY",
                "429 | es_rejected_execution_exception     | RETRY",
                "429 | circuit_breaking_exception          | RETRY",
                "500 | null                                | RETRY",
                "503 | unavailable_shards_exception        | RETRY",
                "504 | null                                | RETRY",
                "408 | null                                | RETRY",
                "401 | security_exception                  | FAIL_SINK",
                "401 | null                                | FAIL_SINK",
                "403 | security_exception                  | FAIL_SINK",
                "403 | cluster_block_exception             | RETRY",
                "404 | index_not_found_exception           | RETRY",
                "0   | null                                | RETRY",
            })
    void classification(int status, String errorType, BulkItemOutcome expected) {
        assertThat(BulkItemOutcome.classify(status, errorType)).isEqualTo(expected);
    }

    /** Shaped like a real 8.19 response with the sink's filter_path. */
    private static final String RESPONSE = "{\"errors\":true,\"items\":["
            + "{\"create\":{\"_id\":\"a\",\"status\":201}},"
            + "{\"create\":{\"_id\":\"b\",\"status\":409,\"error\":{\"type\":\"version_conflict_engine_exception\","
            + "\"reason\":\"[b]: version conflict, document already exists (current version [1])\"}}},"
            + "{\"create\":{\"_id\":\"c\",\"status\":400,\"error\":{\"type\":\"document_parsing_exception\","
            + "\"reason\":\"[1:6] failed to parse field [kibana.alert.risk_score] of type [integer]\","
            + "\"caused_by\":{\"type\":\"number_format_exception\",\"reason\":\"For input string: \\\"high\\\"\"}}}},"
            + "{\"create\":{\"_id\":\"d\",\"status\":429,\"error\":{\"type\":\"es_rejected_execution_exception\","
            + "\"reason\":\"rejected execution\"}}},"
            + "{\"create\":{\"_id\":\"e\",\"status\":503,\"error\":{\"type\":\"unavailable_shards_exception\","
            + "\"reason\":\"primary shard is not active\"}}}"
            + "]}";

    @Test
    void parsesItemsWithStatusTypeAndReasonIncludingTheCause() throws IOException {
        List<BulkResponses.Item> items = parse(RESPONSE);
        assertThat(items).extracting(i -> i.id).containsExactly("a", "b", "c", "d", "e");
        assertThat(items).extracting(i -> i.status).containsExactly(201, 409, 400, 429, 503);
        assertThat(items.get(0).errorType).isNull();
        assertThat(items.get(2).errorType).isEqualTo("document_parsing_exception");
        assertThat(items.get(2).reason)
                .isEqualTo("[1:6] failed to parse field [kibana.alert.risk_score] of type "
                        + "[integer] (caused by number_format_exception: For input string: \"high\")");
    }

    @Test
    void sortsEachSentOperationByItsOutcome() throws IOException {
        List<BulkCreate> sent = entries("a", "b", "c", "d", "e");
        BulkResponses.Sorted sorted = BulkResponses.sort(sent, parse(RESPONSE));
        assertThat(sorted.created).isEqualTo(1);
        assertThat(sorted.alreadyPresent).isEqualTo(1);
        assertThat(sorted.rejected).extracting(r -> r.entry.id()).containsExactly("c");
        assertThat(sorted.rejected.get(0).status).isEqualTo(400);
        assertThat(sorted.retry).extracting(BulkCreate::id).containsExactly("d", "e");
        assertThat(sorted.retryReason).isEqualTo("429 es_rejected_execution_exception: rejected execution");
    }

    @Test
    void aResponseThatDoesNotMatchTheRequestRetriesEverything() throws IOException {
        List<BulkCreate> sent = entries("a", "b", "c", "d", "e", "f");
        BulkResponses.Sorted sorted = BulkResponses.sort(sent, parse(RESPONSE));
        assertThat(sorted.retry).isEqualTo(sent);
        assertThat(sorted.created + sorted.alreadyPresent + sorted.rejected.size())
                .isZero();

        List<BulkCreate> otherIds = entries("a", "b", "x", "d", "e");
        assertThat(BulkResponses.sort(otherIds, parse(RESPONSE)).retry).isEqualTo(otherIds);
    }

    @Test
    void anItemRefusedForItsPrivilegesIsTheWholeSinksFailure() throws IOException {
        String forbidden = "{\"errors\":true,\"items\":[{\"create\":{\"_id\":\"a\",\"status\":201}},"
                + "{\"create\":{\"_id\":\"b\",\"status\":403,\"error\":{\"type\":\"security_exception\","
                + "\"reason\":\"action [indices:data/write/bulk[s]] is unauthorized for API key id [k1]\"}}}]}";
        BulkResponses.Sorted sorted = BulkResponses.sort(entries("a", "b"), parse(forbidden));
        assertThat(sorted.sinkFailure)
                .isEqualTo("Elasticsearch refused to let the sink's credentials create an alert (HTTP 403"
                        + " security_exception: action [indices:data/write/bulk[s]] is unauthorized for API key id"
                        + " [k1])");
        assertThat(sorted.rejected).as("not the alert's fault: no dead letter").isEmpty();
        assertThat(BulkResponses.sort(entries("a", "b", "c", "d", "e"), parse(RESPONSE)).sinkFailure)
                .isNull();
    }

    @Test
    void allCreated() throws IOException {
        String ok = "{\"errors\":false,\"items\":[{\"create\":{\"_id\":\"a\",\"status\":201}},"
                + "{\"create\":{\"status\":201}}]}";
        BulkResponses.Sorted sorted = BulkResponses.sort(entries("a", "b"), parse(ok));
        assertThat(sorted.created).isEqualTo(2);
        assertThat(sorted.retry).isEmpty();
        assertThat(sorted.rejected).isEmpty();
    }

    @Test
    void unreadableResponsesFail() {
        assertThatThrownBy(() -> parse("[1]")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> parse("{\"items\":{}}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> parse("{\"items\":[1]}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> parse("{\"items\":[")).isInstanceOf(IOException.class);
    }

    private static List<BulkResponses.Item> parse(String json) throws IOException {
        return BulkResponses.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<BulkCreate> entries(String... ids) {
        return java.util.Arrays.stream(ids)
                .map(id -> BulkCreate.of(id, "{}"))
                .collect(java.util.stream.Collectors.toList());
    }
}
