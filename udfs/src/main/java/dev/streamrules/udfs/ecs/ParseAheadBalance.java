package dev.streamrules.udfs.ecs;

/**
 * Shares the parse of one source reader's records between the reader's thread and the parse
 * operator's thread (a replay at parallelism 1, where the parse is chained to the source): the
 * reader parses a record ahead only while the operator is behind, that is while more than
 * {@code thresholdBytes} of records the reader made have not yet been taken by the operator. When
 * the operator is starved, the reader hands lines over unparsed and the operator parses them.
 *
 * <p>Why: parsing every line ahead made the reader's thread the replay's critical path (runnable 90%
 * of a replay with the process tree, while the task's thread waited for input 44% of it;
 * benchmarks, section 24). Whichever thread parses, the parser and its result are the same.
 *
 * <p>A threshold above the records a reader holds before it hands them over (Flink's fetch size)
 * means "a whole batch is queued": the operator has work waiting. Zero parses every record ahead.
 *
 * <p>One writer per side: {@link #read} and {@link #operatorBehind} on the reader's thread only,
 * {@link #taken} on the operator's thread only.
 */
public final class ParseAheadBalance {

    private final long thresholdBytes;
    private long readBytes; // the reader's thread only
    private volatile long takenBytes; // written by the operator's thread only

    public ParseAheadBalance(long thresholdBytes) {
        if (thresholdBytes < 0) {
            throw new IllegalArgumentException("thresholdBytes must be at least 0, got " + thresholdBytes);
        }
        this.thresholdBytes = thresholdBytes;
    }

    /** The reader made {@code record}: returns its mark, the bytes read up to and including it. */
    long read(RawRecord record) {
        byte[] payload = record.getPayload();
        readBytes += (payload == null ? 0 : payload.length) + 1L; // + 1: the line's end
        return readBytes;
    }

    /** Whether the operator has more than the threshold to take before the record at {@code mark}. */
    boolean operatorBehind(long mark) {
        return mark - takenBytes > thresholdBytes;
    }

    /** The operator took the record at {@code mark}. */
    void taken(long mark) {
        takenBytes = mark;
    }
}
