package dev.streamrules.job.replay;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Writes one JSON document per line to a single local file, or to standard output for {@code -}.
 * Meant for replays and tests, so it must run with parallelism 1 (one file, one writer); it gives no
 * delivery guarantee across restarts, which is why replays run without restarts.
 */
public final class NdjsonFileSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    public static final String STDOUT = "-";

    private final String target;
    private final SerializableFunction<T, String> toJson;

    public NdjsonFileSink(String target, SerializableFunction<T, String> toJson) {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("output path must not be blank (use - for stdout)");
        }
        this.target = target;
        this.toJson = toJson;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        int parallelism = context.getTaskInfo().getNumberOfParallelSubtasks();
        if (parallelism != 1) {
            throw new IllegalStateException(
                    "NdjsonFileSink writes one file and needs parallelism 1, got " + parallelism);
        }
        return new LineWriter<>(open(target), toJson);
    }

    private static Writer open(String target) throws IOException {
        OutputStream out;
        if (STDOUT.equals(target)) {
            out = new UncloseableStream(System.out);
        } else {
            Path path = Path.of(target).toAbsolutePath();
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            out = new FileOutputStream(path.toFile());
        }
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    }

    static final class LineWriter<T> implements SinkWriter<T> {
        private final Writer writer;
        private final SerializableFunction<T, String> toJson;

        LineWriter(Writer writer, SerializableFunction<T, String> toJson) {
            this.writer = writer;
            this.toJson = toJson;
        }

        @Override
        public void write(T element, Context context) throws IOException {
            writer.write(toJson.apply(element));
            writer.write('\n');
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            writer.flush();
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }

    /** Standard output belongs to the process, not to the sink: flush it, never close it. */
    private static final class UncloseableStream extends java.io.FilterOutputStream {
        UncloseableStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
