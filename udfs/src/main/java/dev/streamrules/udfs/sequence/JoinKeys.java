package dev.streamrules.udfs.sequence;

import dev.streamrules.udfs.ecs.EcsEvent;
import java.util.List;

/**
 * Reads an event's join key for one step and encodes it as one string (state key, key selector).
 *
 * <p>A missing non-optional key means the event cannot join ({@code null}): Elasticsearch never pairs
 * null keys. A missing optional key ({@code ?field}) is a {@code null} value that joins other nulls.
 * Elasticsearch rejects a query whose join key holds several values; a stream cannot reject one event
 * without losing the others, so such an event just does not join.
 */
public final class JoinKeys {

    private JoinKeys() {}

    /** The key values for a step, or {@code null} when the event cannot join through it. */
    public static String[] values(List<KeyField> keys, EcsEvent event) {
        String[] values = new String[keys.size()];
        for (int i = 0; i < values.length; i++) {
            KeyField key = keys.get(i);
            String[] found = event.values(key.path());
            if (found == null || found.length == 0) {
                if (!key.optional()) {
                    return null;
                }
            } else if (found.length > 1) {
                return null;
            } else {
                values[i] = found[0];
            }
        }
        return values;
    }

    /** Length-prefixed, so no value can forge a separator: {@code ["a", null]} is {@code 1:a~}. */
    public static String encode(String[] values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            if (v == null) {
                sb.append('~');
            } else {
                sb.append(v.length()).append(':').append(v);
            }
        }
        return sb.toString();
    }
}
