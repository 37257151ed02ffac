package dev.streamrules.job.sink.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;

/**
 * The composable index template for the alerts indices ({@code streamrules-alerts*}), kept in
 * {@code deploy/elasticsearch/alerts-index-template.json} and bundled in the job jar. Mappings use only
 * field types of Elasticsearch's minimal distribution too (keyword with a text sub-field where the
 * ECS schema would use wildcard or match_only_text).
 */
public final class AlertsIndexTemplate {

    /** Classpath location of the template. */
    public static final String RESOURCE = "/elasticsearch/alerts-index-template.json";
    /** Name the template is installed under. */
    public static final String NAME = "streamrules-alerts";

    private AlertsIndexTemplate() {}

    /** The template's JSON body. */
    public static String json() {
        try (InputStream in = AlertsIndexTemplate.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("index template " + RESOURCE + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates or replaces the template ({@code PUT _index_template/streamrules-alerts}); affects new indices only. */
    public static void install(RestClient client) throws IOException {
        Request request = new Request("PUT", "/_index_template/" + NAME);
        request.setEntity(new StringEntity(json(), ContentType.APPLICATION_JSON));
        client.performRequest(request);
    }
}
