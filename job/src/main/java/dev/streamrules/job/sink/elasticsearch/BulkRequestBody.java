package dev.streamrules.job.sink.elasticsearch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The NDJSON body of a {@code POST /_bulk}: for each alert an action line
 * {@code {"create":{"_index":"…","_id":"…"}}} and the alert's own document bytes as the source line,
 * each ending in a newline. Documents are sent as they are, never re-serialized.
 */
final class BulkRequestBody {

    private BulkRequestBody() {}

    static byte[] build(String index, List<BulkCreate> entries) {
        String indexJson = jsonString(index);
        int size = 0;
        for (BulkCreate e : entries) {
            size += e.sizeInBytes() + indexJson.length();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        for (BulkCreate e : entries) {
            String action = "{\"create\":{\"_index\":" + indexJson + ",\"_id\":" + jsonString(e.id()) + "}}\n";
            out.writeBytes(action.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(e.document());
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** {@code s} as a quoted JSON string: quote, backslash and control characters escaped. */
    static String jsonString(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                case '\b':
                    sb.append("\\b");
                    break;
                case '\f':
                    sb.append("\\f");
                    break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }
}
