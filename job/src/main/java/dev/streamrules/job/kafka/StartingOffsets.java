package dev.streamrules.job.kafka;

import java.util.Locale;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Where a new job starts reading its topics ({@code --kafka.starting-offsets}). A restore from a
 * checkpoint or savepoint always resumes from its own offsets.
 */
public enum StartingOffsets {
    COMMITTED_EARLIEST,
    COMMITTED_LATEST,
    EARLIEST,
    LATEST;

    /** The name as typed ({@code committed-earliest}); Flink's configuration reads enums by it. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    OffsetsInitializer initializer() {
        return switch (this) {
            case COMMITTED_EARLIEST -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            case COMMITTED_LATEST -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.LATEST);
            case EARLIEST -> OffsetsInitializer.earliest();
            case LATEST -> OffsetsInitializer.latest();
        };
    }
}
