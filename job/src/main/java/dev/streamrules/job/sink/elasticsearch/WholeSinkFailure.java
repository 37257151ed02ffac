package dev.streamrules.job.sink.elasticsearch;

import dev.streamrules.job.tls.TlsFailure;
import java.util.List;
import java.util.Optional;
import org.elasticsearch.client.ResponseException;

/**
 * A failed bulk request that no retry can cure because it concerns every alert the sink will send:
 * the credentials refused (401) or lacking privileges (403), or Elasticsearch's certificate refused
 * (not signed by the CA, expired, another host name). The writer fails the job on these, so the
 * restart budget ends a job that cannot write, with this reason in its exceptions; an outage, overload
 * (429) and server errors are not among them and stay retried.
 */
final class WholeSinkFailure {

    private WholeSinkFailure() {}

    /** Why {@code failure} stops the whole sink, with the option to fix; empty when a retry may succeed. */
    static Optional<String> of(Exception failure, List<String> hosts) {
        if (failure instanceof ResponseException) {
            ResponseException response = (ResponseException) failure;
            return ofStatus(response.getResponse().getStatusLine().getStatusCode(), response.getMessage(), hosts);
        }
        return TlsFailure.of(failure)
                .map(tls -> "TLS with Elasticsearch failed: " + tls.describe(String.valueOf(hosts))
                        + "; fix --es.ca-file or the server's certificate");
    }

    /** For a bulk request answered {@code status} with {@code body} (which names the error type). */
    static Optional<String> ofStatus(int status, String body, List<String> hosts) {
        if (status == 401) {
            return Optional.of("Elasticsearch at " + hosts + " refused the sink's credentials (HTTP 401);"
                    + " fix the API key or user and password (--es.api-key-file, --es.api-key-env,"
                    + " --es.username, --es.password-*)");
        }
        if (status == 403 && (body == null || !body.contains(BulkItemOutcome.CLUSTER_BLOCK))) {
            return Optional.of("Elasticsearch at " + hosts + " refused the sink's bulk request (HTTP 403): the"
                    + " credentials lack a privilege; grant create_doc on the index");
        }
        return Optional.empty();
    }
}
