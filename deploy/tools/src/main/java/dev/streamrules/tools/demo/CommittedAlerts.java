package dev.streamrules.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamrules.tools.kafka.ReadCommittedConsumer;
import java.io.IOException;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The job's alerts topic as a downstream consumer sees it ({@link ReadCommittedConsumer}), every
 * record tallied by its source event id. Alerts of open transactions
 * become visible when the job's next checkpoint commits them.
 */
final class CommittedAlerts implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReadCommittedConsumer consumer;
    private final AlertTally tally = new AlertTally();
    private final AlertGroups groups = new AlertGroups();
    private long records;
    private long unreadable;

    CommittedAlerts(String bootstrapServers, String topic) {
        consumer = new ReadCommittedConsumer(bootstrapServers, topic);
    }

    /** Reads whatever is committed and not yet read, for at most {@code budget}. */
    void catchUp(Duration budget) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.catchUp(budget)) {
            records++;
            try {
                JsonNode alert = JSON.readTree(r.value());
                JsonNode kibana = alert.path("kibana").path("alert");
                String uuid = kibana.path("uuid").asText(r.topic() + "/" + r.partition() + "@" + r.offset());
                // Two records with the same alert id are a duplicate too: key the document by offset.
                String documentId = uuid + "#" + r.partition() + "@" + r.offset();
                if (kibana.has("group")) {
                    groups.add(alert, documentId);
                } else {
                    tally.add(kibana.path("original_event").path("id").asText(null), documentId);
                }
            } catch (IOException e) {
                unreadable++;
            }
        }
    }

    /** The single-event alerts, by source event. */
    AlertTally tally() {
        return tally;
    }

    /** The sequence alerts: shells and building blocks. */
    AlertGroups groups() {
        return groups;
    }

    long records() {
        return records;
    }

    long unreadable() {
        return unreadable;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
