package dev.streamrules.job.sink.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.http.HttpEntity;
import org.apache.http.entity.ByteArrayEntity;
import org.apache.http.entity.ContentType;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.ResponseListener;
import org.elasticsearch.client.RestClient;

/**
 * One asynchronous {@code _bulk} request of {@code create} operations. Runs its callbacks on the HTTP
 * client's thread and does nothing there but parse the response: the caller hands the outcome to the
 * task thread.
 */
final class BulkCall {

    private static final ContentType NDJSON = ContentType.create("application/x-ndjson", StandardCharsets.UTF_8);
    private static final int MAX_REASON_CHARS = 1000;

    /** What became of the request. */
    interface Outcome {
        /** Elasticsearch answered; {@code items} are the per-document results. */
        void answered(long latencyMillis, List<BulkResponses.Item> items);

        /** No usable answer (connection, HTTP error, unreadable body); {@code throttled}: HTTP 429. */
        void failed(Exception e, boolean throttled);
    }

    private BulkCall() {}

    static void send(RestClient client, String index, List<BulkCreate> entries, Outcome outcome) {
        Request request = new Request("POST", "/_bulk");
        request.addParameter("filter_path", BulkResponses.FILTER_PATH);
        request.setEntity(new ByteArrayEntity(BulkRequestBody.build(index, entries), NDJSON));
        long sentNanos = System.nanoTime();
        ResponseListener listener = new ResponseListener() {
            @Override
            public void onSuccess(Response response) {
                long millis = (System.nanoTime() - sentNanos) / 1_000_000;
                List<BulkResponses.Item> items;
                try {
                    items = BulkResponses.parse(content(response));
                } catch (IOException | RuntimeException e) {
                    onFailure(new IOException("unreadable bulk response: " + e.getMessage(), e));
                    return;
                }
                outcome.answered(millis, items);
            }

            @Override
            public void onFailure(Exception e) {
                outcome.failed(e, e instanceof ResponseException re && status(re) == 429);
            }
        };
        try {
            client.performRequestAsync(request, listener);
        } catch (RuntimeException e) {
            listener.onFailure(e);
        }
    }

    private static int status(ResponseException e) {
        return e.getResponse().getStatusLine().getStatusCode();
    }

    private static InputStream content(Response response) throws IOException {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            throw new IOException(
                    "empty bulk response (HTTP " + response.getStatusLine().getStatusCode() + ")");
        }
        return entity.getContent();
    }

    /** A failure in one line, for logs and exception messages. */
    static String describe(Exception e) {
        if (e instanceof ResponseException re) {
            return "HTTP " + status(re) + ": " + truncate(e.getMessage());
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + truncate(message));
    }

    static String truncate(String s) {
        if (s == null) {
            return null;
        }
        String oneLine = s.replace('\n', ' ');
        return oneLine.length() <= MAX_REASON_CHARS ? oneLine : oneLine.substring(0, MAX_REASON_CHARS) + "…";
    }
}
