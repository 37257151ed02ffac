package dev.streamrules.job.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrules.job.config.ElasticsearchOptions;
import dev.streamrules.job.config.JobConfig;
import dev.streamrules.job.sink.elasticsearch.AlertsIndexTemplate;
import dev.streamrules.job.sink.elasticsearch.ElasticsearchSinkSettings;
import dev.streamrules.job.sink.elasticsearch.RestClients;
import dev.streamrules.job.stream.AlertSinks;
import dev.streamrules.job.tls.TlsFailure;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Elasticsearch reachable with the job's credentials and TLS settings; allowed to create documents
 * in the index; and the index mapped by the alerts template (an existing index must already have the
 * alerts mapping, a new one must be covered by an installed template, which {@code --es.install-template}
 * installs), so alerts never land in dynamic text mappings that Kibana-style searches cannot use.
 */
final class ElasticsearchCheck {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A field the template maps as keyword and dynamic mapping would make text: tells which one applied. */
    private static final String PROBE_FIELD = "kibana.alert.uuid";

    private final JobConfig config;
    private final String index;

    ElasticsearchCheck(JobConfig config) {
        this.config = config;
        this.index = config.get(ElasticsearchOptions.INDEX);
    }

    void run(List<Problem> problems) {
        if (config.list(ElasticsearchOptions.HOSTS).isEmpty()) {
            return;
        }
        ElasticsearchSinkSettings settings;
        RestClient client;
        try {
            settings = AlertSinks.elasticsearch(config).settings();
            client = RestClients.create(settings);
        } catch (RuntimeException e) {
            problems.add(new Problem(
                    ElasticsearchOptions.HOSTS.key(),
                    "cannot set up the Elasticsearch client: " + KafkaCheck.message(e),
                    "check --es.hosts, --es.ca-file and the secret options"));
            return;
        }
        try (client) {
            if (!reachable(client, settings, problems)) {
                return;
            }
            mayCreateDocuments(client, problems);
            mapped(client, problems);
        } catch (IOException e) {
            problems.add(new Problem(
                    ElasticsearchOptions.HOSTS.key(),
                    "Elasticsearch failed during preflight: " + KafkaCheck.message(e),
                    "check the cluster's health"));
        }
    }

    private boolean reachable(RestClient client, ElasticsearchSinkSettings settings, List<Problem> problems) {
        try {
            client.performRequest(new Request("GET", "/"));
            return true;
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status == 401) {
                problems.add(new Problem(
                        credentialsOption(),
                        "Elasticsearch refused the credentials (HTTP 401)",
                        "give a valid API key or user and password"));
                return false;
            }
            return true; // it answered: privileges are checked next
        } catch (SSLException e) {
            problems.add(tlsProblem(e, "Elasticsearch at " + settings.hosts()));
            return false;
        } catch (IOException e) {
            problems.add(new Problem(
                    ElasticsearchOptions.HOSTS.key(),
                    "Elasticsearch at " + settings.hosts() + " is not reachable (" + KafkaCheck.message(e) + ")",
                    "start Elasticsearch or correct the URL"));
            return false;
        }
    }

    private Problem tlsProblem(SSLException e, String server) {
        TlsFailure failure = TlsFailure.of(e).orElse(null);
        if (failure == null) {
            return new Problem(
                    ElasticsearchOptions.HOSTS.key(),
                    "TLS with " + server + " failed: " + KafkaCheck.message(e),
                    "check that the URLs point to Elasticsearch's https port");
        }
        switch (failure.kind()) {
            case UNTRUSTED:
                return new Problem(
                        ElasticsearchOptions.CA_FILE.key(),
                        failure.describe(server)
                                + (config.isSet(ElasticsearchOptions.CA_FILE)
                                        ? "; the CA file is " + config.get(ElasticsearchOptions.CA_FILE)
                                        : "; no CA file is set, so only the JVM's CAs are trusted"),
                        "give the CA certificate (PEM) that signed Elasticsearch's certificate");
            case WRONG_HOST:
                return new Problem(
                        ElasticsearchOptions.HOSTS.key(),
                        failure.describe(server),
                        "use https:// URLs with a host name Elasticsearch's certificate names");
            default:
                return new Problem(
                        ElasticsearchOptions.HOSTS.key(),
                        failure.describe(server),
                        "renew Elasticsearch's http certificate (xpack.security.http.ssl)");
        }
    }

    private void mayCreateDocuments(RestClient client, List<Problem> problems) throws IOException {
        Request request = new Request("POST", "/_security/user/_has_privileges");
        request.setEntity(new StringEntity(
                "{\"index\":[{\"names\":[" + JSON.writeValueAsString(index) + "],\"privileges\":[\"create_doc\"]}]}",
                ContentType.APPLICATION_JSON));
        JsonNode answer;
        try {
            answer = read(client.performRequest(request));
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (status == 401 || status == 403) {
                problems.add(new Problem(
                        credentialsOption(),
                        "Elasticsearch refused the credentials (HTTP " + status + ")",
                        "give a valid API key or user and password"));
            }
            // any other answer: a cluster without security (everyone may write)
            return;
        }
        if (!answer.path("has_all_requested").asBoolean(true)) {
            problems.add(new Problem(
                    ElasticsearchOptions.INDEX.key(),
                    "the credentials may not create documents in " + index,
                    "grant the create_doc (or write) privilege on " + index + " to this key or user"));
        }
    }

    private void mapped(RestClient client, List<Problem> problems) throws IOException {
        String path = "/" + URLEncoder.encode(index, StandardCharsets.UTF_8);
        boolean exists =
                client.performRequest(new Request("HEAD", path)).getStatusLine().getStatusCode() == 200;
        if (exists) {
            // Unmapped is accepted: an operator may have created the index with mappings of their own.
            String type = existingType(client, path);
            if (type != null && !"keyword".equals(type)) {
                problems.add(new Problem(
                        ElasticsearchOptions.INDEX.key(),
                        "index " + index + " exists without the alerts" + " mapping (" + PROBE_FIELD + " is mapped as "
                                + type + ")",
                        "use a new index name covered by the alerts template (" + AlertsIndexTemplate.NAME
                                + "*), or reindex into one"));
            }
            return;
        }
        if (coveredByTemplate(client, path)) {
            return;
        }
        if (config.get(ElasticsearchOptions.INSTALL_TEMPLATE)) {
            AlertsIndexTemplate.install(client);
            if (coveredByTemplate(client, path)) {
                return;
            }
            problems.add(new Problem(
                    ElasticsearchOptions.INDEX.key(),
                    "the alerts template was installed but does not" + " cover " + index,
                    "use an index name matching " + AlertsIndexTemplate.NAME + "*"));
            return;
        }
        problems.add(new Problem(
                ElasticsearchOptions.INDEX.key(),
                "no installed index template covers " + index + " (its alerts would get dynamic text mappings)",
                "pass --es.install-template true, install"
                        + " deploy/elasticsearch/alerts-index-template.json, or use a name matching "
                        + AlertsIndexTemplate.NAME + "*"));
    }

    /** The probe field's type where a concrete index behind the name maps it other than keyword; else any; null if unmapped. */
    private static String existingType(RestClient client, String path) throws IOException {
        JsonNode answer = read(client.performRequest(new Request("GET", path + "/_mapping/field/" + PROBE_FIELD)));
        String type = null;
        Iterator<Map.Entry<String, JsonNode>> indices = answer.fields();
        while (indices.hasNext()) {
            JsonNode mapping =
                    indices.next().getValue().path("mappings").path(PROBE_FIELD).path("mapping");
            String here = mapping.path("uuid").path("type").asText(null);
            if (here != null && (type == null || !"keyword".equals(here))) {
                type = here;
            }
        }
        return type;
    }

    private static boolean coveredByTemplate(RestClient client, String path) throws IOException {
        JsonNode answer = read(client.performRequest(new Request("POST", "/_index_template/_simulate_index" + path)));
        return "keyword"
                .equals(answer.at("/template/mappings/properties/kibana/properties/alert/properties/uuid/type")
                        .asText(null));
    }

    private String credentialsOption() {
        if (config.isSet(ElasticsearchOptions.API_KEY_FILE)) {
            return ElasticsearchOptions.API_KEY_FILE.key();
        }
        if (config.isSet(ElasticsearchOptions.API_KEY_ENV)) {
            return ElasticsearchOptions.API_KEY_ENV.key();
        }
        return ElasticsearchOptions.USERNAME.key();
    }

    private static JsonNode read(Response response) throws IOException {
        return response.getEntity() == null
                ? JSON.createObjectNode()
                : JSON.readTree(response.getEntity().getContent());
    }
}
