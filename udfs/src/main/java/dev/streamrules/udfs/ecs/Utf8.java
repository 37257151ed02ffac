package dev.streamrules.udfs.ecs;

/** Strict UTF-8 validation without decoding (no allocation): rejects overlongs, surrogates and > U+10FFFF. */
final class Utf8 {

    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8() {}

    /** Index of the first byte of the first invalid sequence, or -1 when the whole array is valid. */
    static int firstInvalid(byte[] b, int length) {
        int i = 0;
        while (i < length) {
            // eight bytes at a time: ASCII runs (most of an event) cost one test per word
            if (i + 8 <= length && (JsonWords.word(b, i) & HIGH_BITS) == 0) {
                i += 8;
                continue;
            }
            if (b[i] >= 0) {
                i++;
                continue;
            }
            int next = afterSequence(b, i, length);
            if (next < 0) {
                return i;
            }
            i = next;
        }
        return -1;
    }

    /**
     * The index after the multi-byte sequence that starts at {@code i} (a byte of 0x80 or more), or -1
     * when that sequence is invalid or cut off at {@code length}.
     */
    static int afterSequence(byte[] b, int i, int length) {
        int c = b[i] & 0xFF;
        int need;
        int min;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            min = 0x10000;
        } else {
            return -1;
        }
        if (i + need >= length) {
            return -1;
        }
        int cp = c & (0x3F >> need);
        for (int k = 1; k <= need; k++) {
            int cc = b[i + k] & 0xFF;
            if ((cc & 0xC0) != 0x80) {
                return -1;
            }
            cp = (cp << 6) | (cc & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return -1;
        }
        return i + need + 1;
    }
}
