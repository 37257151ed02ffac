package dev.streamrules.job.sink.elasticsearch;

import dev.streamrules.udfs.alert.Alert;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;

/** An alert becomes a {@code create} of its own JSON document under its deterministic id. */
final class AlertToBulkCreate implements ElementConverter<Alert, BulkCreate> {

    private static final long serialVersionUID = 1L;

    @Override
    public BulkCreate apply(Alert alert, SinkWriter.Context context) {
        return BulkCreate.of(alert.getId(), alert.getDocument());
    }
}
