package dev.streamrules.job.sink.elasticsearch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

/**
 * Checkpointed form of the writer's buffer. Version 1 per entry: id (length-prefixed UTF-8), document
 * (length-prefixed bytes), attempt. Change the layout only together with {@link #getVersion()}.
 */
public final class BulkCreateStateSerializer extends AsyncSinkWriterStateSerializer<BulkCreate> {

    static final int VERSION = 1;

    @Override
    protected void serializeRequestToStream(BulkCreate request, DataOutputStream out) throws IOException {
        byte[] id = request.id().getBytes(StandardCharsets.UTF_8);
        out.writeInt(id.length);
        out.write(id);
        out.writeInt(request.document().length);
        out.write(request.document());
        out.writeInt(request.attempt());
    }

    @Override
    protected BulkCreate deserializeRequestFromStream(long requestSize, DataInputStream in) throws IOException {
        byte[] id = new byte[in.readInt()];
        in.readFully(id);
        byte[] document = new byte[in.readInt()];
        in.readFully(document);
        int attempt = in.readInt();
        return new BulkCreate(new String(id, StandardCharsets.UTF_8), document, attempt);
    }

    @Override
    public int getVersion() {
        return VERSION;
    }
}
