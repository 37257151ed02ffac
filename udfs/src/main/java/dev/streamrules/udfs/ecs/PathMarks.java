package dev.streamrules.udfs.ecs;

/**
 * What each expanded path of one document has held so far, an object or a value, for the expansion
 * checks ({@link ExpansionCheck}, {@link PlainExpansionCheck}): a path with both is where
 * {@link NormalizedDocument}'s expansion may find a conflict. Paths are 64-bit fingerprints, built
 * segment by segment from {@link #ROOT} with {@link #child}; a collision can only report a conflict
 * that is not there, which costs the slow path, never a verdict. Not thread-safe: one per document.
 */
final class PathMarks {

    static final long OBJECT = 1;
    static final long VALUE = 2;
    static final long ROOT = 0x2545F4914F6CDD1DL;
    private static final long FLAGS = OBJECT | VALUE;

    /** Open addressing: a path fingerprint with its two low bits replaced by its flags; 0 is free. */
    private long[] paths = new long[256]; // the fleet's documents have about 100 paths: no growing

    private int size;

    /** The fingerprint of {@code parent}'s child named by a segment whose hash is {@code segment}. */
    static long child(long parent, int segment) {
        long h = (parent ^ segment) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    /** Notes that the path holds an object or a value; false when it already held the other. */
    boolean mark(long path, long flag) {
        long key = (path & ~FLAGS) == 0 ? FLAGS + 1 : path & ~FLAGS;
        int mask = paths.length - 1;
        for (int i = (int) (key >>> 32) & mask; ; i = (i + 1) & mask) {
            long entry = paths[i];
            if (entry == 0) {
                paths[i] = key | flag;
                if (++size * 2 > paths.length) {
                    grow();
                }
                return true;
            }
            if ((entry & ~FLAGS) == key) {
                paths[i] = entry | flag;
                return (entry | flag) != (key | FLAGS);
            }
        }
    }

    private void grow() {
        long[] old = paths;
        paths = new long[old.length * 2];
        int mask = paths.length - 1;
        for (long entry : old) {
            if (entry != 0) {
                int i = (int) (entry >>> 32) & mask;
                while (paths[i] != 0) {
                    i = (i + 1) & mask;
                }
                paths[i] = entry;
            }
        }
    }
}
