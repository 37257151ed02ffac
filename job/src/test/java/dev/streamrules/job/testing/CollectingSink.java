package dev.streamrules.job.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Test sink for jobs on a MiniCluster in the same JVM: every parallel writer appends to one list,
 * found by a per-sink id so tests running side by side never see each other's records.
 */
public final class CollectingSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private static final Map<String, List<Object>> RESULTS = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    public CollectingSink() {
        RESULTS.put(id, new CopyOnWriteArrayList<>());
    }

    /** Everything written so far, in arrival order; clears the sink's slot. */
    @SuppressWarnings("unchecked")
    public List<T> drain() {
        List<Object> values = RESULTS.remove(id);
        List<T> out = new ArrayList<>();
        if (values != null) {
            values.forEach(v -> out.add((T) v));
        }
        return out;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        List<Object> target = RESULTS.get(id);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) {
                target.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
