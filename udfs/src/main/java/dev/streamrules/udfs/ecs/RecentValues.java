package dev.streamrules.udfs.ecs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The strings a thread's parses made lately for short values, by their bytes: a value met again
 * ({@code "exec"}, {@code "bash"}, {@code "/usr/bin/cat"}, {@code "root"}) is the same {@code String}
 * instead of a new one. Most of an endpoint event's short values repeat from event to event, and
 * the process tree keeps them in every node it holds: on the heap state backend a fleet's nodes
 * held about twelve strings each, most of them copies of a few hundred values, and the tree's memory
 * was what the garbage collector copied and the heap grew for.
 *
 * <p>Direct-mapped, one entry per slot, the newer value wins: a miss costs a hash and a few
 * comparisons. Values up to {@link KeyWords#EXACT} bytes are told apart by their words and length
 * (see {@link KeyWords}), longer ones by their bytes. One per thread; strings are immutable, so the
 * events that carry them may go to other threads.
 */
final class RecentValues {

    /** Longer values (entity ids, command lines) are rarely met again soon enough to be worth a slot. */
    static final int MAX_BYTES = 48;

    private static final int SLOT_BITS = 12;
    private static final ThreadLocal<RecentValues> PER_THREAD = ThreadLocal.withInitial(RecentValues::new);

    private final long[] heads = new long[1 << SLOT_BITS];
    private final long[] tails = new long[1 << SLOT_BITS];
    private final int[] lengths = new int[1 << SLOT_BITS];
    private final byte[][] bytes = new byte[1 << SLOT_BITS][]; // only for values longer than EXACT
    private final String[] strings = new String[1 << SLOT_BITS];

    private RecentValues() {}

    static RecentValues forThisThread() {
        return PER_THREAD.get();
    }

    /** The text of the valid UTF-8 bytes {@code b[from, to)}. */
    String text(byte[] b, int from, int to) {
        int length = to - from;
        if (length > MAX_BYTES) {
            return new String(b, from, length, StandardCharsets.UTF_8);
        }
        long head = KeyWords.head(b, from, to);
        long tail = KeyWords.tail(b, from, to);
        int slot = (int) (KeyWords.mix(head, tail, length) >>> (Long.SIZE - SLOT_BITS));
        String known = strings[slot];
        if (known != null
                && KeyWords.same(b, from, to, head, tail, bytes[slot], 0, lengths[slot], heads[slot], tails[slot])) {
            return known;
        }
        String text = new String(b, from, length, StandardCharsets.UTF_8);
        heads[slot] = head;
        tails[slot] = tail;
        lengths[slot] = length;
        bytes[slot] = length > KeyWords.EXACT ? Arrays.copyOfRange(b, from, to) : null;
        strings[slot] = text;
        return text;
    }
}
