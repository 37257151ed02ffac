package dev.streamrules.job.sink.elasticsearch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.apache.flink.connector.base.sink.writer.ResultHandler;

/**
 * The writer's batches that were sent and whose outcome is not settled yet (unanswered, or waiting
 * out a backoff before their retry). They are saved in checkpoints instead of being awaited. Used
 * from the writer's task thread only (results arrive through the mailbox).
 */
final class UnsettledBatches {

    private final Set<Batch> batches = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Tracks {@code entries} until one of the returned handler's methods is called. */
    ResultHandler<BulkCreate> track(List<BulkCreate> entries, ResultHandler<BulkCreate> result) {
        Batch batch = new Batch(entries, result);
        batches.add(batch);
        return batch;
    }

    boolean isEmpty() {
        return batches.isEmpty();
    }

    /** Alerts in unsettled batches. */
    int entryCount() {
        int n = 0;
        for (Batch batch : batches) {
            n += batch.entries.size();
        }
        return n;
    }

    /** Every unsettled entry, as checkpointed buffer entries. */
    List<RequestEntryWrapper<BulkCreate>> entries() {
        List<RequestEntryWrapper<BulkCreate>> out = new ArrayList<>();
        for (Batch batch : batches) {
            for (BulkCreate entry : batch.entries) {
                out.add(new RequestEntryWrapper<>(entry, entry.sizeInBytes()));
            }
        }
        return out;
    }

    private final class Batch implements ResultHandler<BulkCreate> {
        final List<BulkCreate> entries;
        private final ResultHandler<BulkCreate> result;

        Batch(List<BulkCreate> entries, ResultHandler<BulkCreate> result) {
            this.entries = entries;
            this.result = result;
        }

        @Override
        public void complete() {
            batches.remove(this);
            result.complete();
        }

        @Override
        public void completeExceptionally(Exception e) {
            batches.remove(this);
            result.completeExceptionally(e);
        }

        @Override
        public void retryForEntries(List<BulkCreate> retry) {
            batches.remove(this);
            result.retryForEntries(retry);
        }
    }
}
