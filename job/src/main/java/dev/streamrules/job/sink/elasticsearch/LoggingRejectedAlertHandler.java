package dev.streamrules.job.sink.elasticsearch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link RejectedAlertHandler}: one ERROR line per rejected alert with its id and
 * Elasticsearch's reason (not the document). The sink's {@code alertsRejected} metric counts them.
 */
public class LoggingRejectedAlertHandler implements RejectedAlertHandler {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = LoggerFactory.getLogger(LoggingRejectedAlertHandler.class);

    @Override
    public void onRejected(RejectedAlert alert) {
        LOG.error(
                "Alert {} was not written to Elasticsearch index {} (status {}): {}: {}",
                alert.id(),
                alert.index(),
                alert.status(),
                alert.errorType(),
                alert.reason());
    }
}
