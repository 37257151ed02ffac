package dev.streamrules.job.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkRequestBodyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anActionLineAndTheDocumentPerAlertEachEndingInANewline() {
        byte[] body = BulkRequestBody.build(
                "streamrules-alerts",
                List.of(BulkCreate.of("a1", "{\"x\":1}"), BulkCreate.of("a2", "{\"y\":\"two\"}")));
        assertThat(new String(body, StandardCharsets.UTF_8))
                .isEqualTo("{\"create\":{\"_index\":\"streamrules-alerts\",\"_id\":\"a1\"}}\n"
                        + "{\"x\":1}\n"
                        + "{\"create\":{\"_index\":\"streamrules-alerts\",\"_id\":\"a2\"}}\n"
                        + "{\"y\":\"two\"}\n");
    }

    @Test
    void idsAreEscapedSoEveryActionLineIsValidJson() throws Exception {
        String id = "q\"uote b\\ack nl\n tab\t bell\u0007 ü \u2028 end";
        byte[] body = BulkRequestBody.build("alerts", List.of(BulkCreate.of(id, "{}")));
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\n", -1);
        assertThat(lines).hasSize(3).endsWith("");
        JsonNode action = JSON.readTree(lines[0]);
        assertThat(action.at("/create/_id").asText()).isEqualTo(id);
        assertThat(action.at("/create/_index").asText()).isEqualTo("alerts");
        assertThat(lines[0]).doesNotContain("\u0007").contains("\\u0007").contains("\\u2028");
    }

    @Test
    void multiLineDocumentsBecomeOneLineWithTheSameContent() throws Exception {
        String pretty = "{\r\n  \"process\": {\n    \"command_line\": \"cat \\\"/proc/1/maps\\\"\\n\"\n  },\n"
                + "  \"n\": [1,\n 2]\n}\n";
        byte[] body = BulkRequestBody.build("alerts", List.of(BulkCreate.of("p", pretty)));
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\n", -1);
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).doesNotContain("\r");
        assertThat(JSON.readTree(lines[1])).isEqualTo(JSON.readTree(pretty));
    }

    @Test
    void documentBytesAreSentAsGiven() {
        String doc = "{\"b\":2,  \"a\":\"ö\u00e9\",\"n\":1.50}";
        byte[] body = BulkRequestBody.build("alerts", List.of(BulkCreate.of("id", doc)));
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("\n" + doc + "\n");
    }

    @Test
    void sizeCountsDocumentIdAndActionOverhead() {
        BulkCreate entry = BulkCreate.of("abc", "{\"k\":\"ü\"}");
        assertThat(entry.sizeInBytes()).isEqualTo(10 + 3 + BulkCreate.ACTION_OVERHEAD_BYTES);
        long actual = BulkRequestBody.build("streamrules-alerts", List.of(entry)).length;
        assertThat(actual).isLessThanOrEqualTo(entry.sizeInBytes() + "streamrules-alerts".length());
    }
}
