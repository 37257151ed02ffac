package dev.streamrules.udfs.tree;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * (Over 300 lines on purpose: one binary format, whose readers and writers must stay side by side.)
 *
 * <p>Byte-level building blocks of the process-tree serializers: variable-length integers, UTF-8
 * strings with a varint length, and entity ids written compactly.
 *
 * <p>Entity ids dominate the state's size (Elastic Defend's are 88 characters: base64 of agent id,
 * pid and start time). Two cheap, lossless tricks shrink them:
 * <ul>
 *   <li>an id that is canonical padded base64 is stored as its decoded bytes (a quarter smaller),
 *       and Elastic's agent-id/pid/start text inside it packed to binary (88 characters → ~27 bytes);
 *   <li>an id may be written relative to a reference id (e.g. the entry leader relative to the parent),
 *       storing only the length of the shared prefix and the rest. Ids of one host share the agent-id
 *       prefix, and "same as the reference" costs two bytes.
 * </ul>
 * Encodings are deterministic (equal ids give equal bytes), as RocksDB map keys require.
 */
final class CompactCodec {

    private static final Base64.Encoder BASE64_ENCODER = Base64.getEncoder();
    private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

    /** Ids longer than this are rejected when read back: guards against corrupt state. */
    static final int MAX_BYTES = 1 << 20;

    private CompactCodec() {}

    static void writeVarLong(DataOutput out, long value) throws IOException {
        while ((value & ~0x7FL) != 0) {
            out.writeByte((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.writeByte((int) value);
    }

    static long readVarLong(DataInput in) throws IOException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = in.readUnsignedByte();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IOException("malformed variable-length integer");
    }

    static void writeVarInt(DataOutput out, int value) throws IOException {
        writeVarLong(out, value & 0xFFFFFFFFL);
    }

    static int readVarInt(DataInput in) throws IOException {
        long v = readVarLong(in);
        if (v > 0xFFFFFFFFL) {
            throw new IOException("variable-length integer out of range: " + v);
        }
        return (int) v;
    }

    /** Signed values (time deltas) as zig-zag varints, so small negatives stay small. */
    static void writeZigZag(DataOutput out, long value) throws IOException {
        writeVarLong(out, (value << 1) ^ (value >> 63));
    }

    static long readZigZag(DataInput in) throws IOException {
        long v = readVarLong(in);
        return (v >>> 1) ^ -(v & 1);
    }

    static void writeString(DataOutput out, String s) throws IOException {
        writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
    }

    static String readString(DataInput in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    private static void writeBytes(DataOutput out, byte[] bytes) throws IOException {
        writeVarInt(out, bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInput in) throws IOException {
        int length = readVarInt(in);
        if (length < 0 || length > MAX_BYTES) {
            throw new IOException("string of " + length + " bytes exceeds " + MAX_BYTES);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    /** How an id's raw bytes encode its text. */
    static final int FORM_TEXT = 0;

    static final int FORM_BASE64 = 1;
    static final int FORM_ELASTIC = 2;

    /**
     * An id in the form it is stored: raw bytes and their {@code FORM_*}. Forms, most compact first:
     * <ul>
     *   <li>{@code FORM_ELASTIC}: base64 of {@code <lowercase uuid>-<pid>-<seconds>.<9-digit nanos>}
     *       (Elastic Defend's entity ids), packed as 16 uuid bytes and three varints;</li>
     *   <li>{@code FORM_BASE64}: other canonical padded base64, as the decoded bytes;</li>
     *   <li>{@code FORM_TEXT}: anything else, as UTF-8.</li>
     * </ul>
     * A packed form is used only when rendering it back gives exactly the original text.
     */
    static final class RawId {
        final byte[] bytes;
        final int form;

        private RawId(byte[] bytes, int form) {
            this.bytes = bytes;
            this.form = form;
        }

        static RawId of(String id) {
            if (id == null) {
                return null;
            }
            byte[] decoded = decodeCanonicalBase64(id);
            if (decoded == null) {
                return new RawId(id.getBytes(StandardCharsets.UTF_8), FORM_TEXT);
            }
            byte[] packed = ElasticId.pack(decoded);
            return packed != null ? new RawId(packed, FORM_ELASTIC) : new RawId(decoded, FORM_BASE64);
        }

        String text() {
            switch (form) {
                case FORM_ELASTIC:
                    return BASE64_ENCODER.encodeToString(ElasticId.render(bytes));
                case FORM_BASE64:
                    return BASE64_ENCODER.encodeToString(bytes);
                default:
                    return new String(bytes, StandardCharsets.UTF_8);
            }
        }
    }

    /**
     * Writes {@code id} relative to {@code reference} (may be null): a header varint
     * {@code shared << 2 | form}, then the unshared tail with its length.
     */
    static void writeId(DataOutput out, RawId id, RawId reference) throws IOException {
        int shared = 0;
        if (reference != null && reference.form == id.form) {
            int max = Math.min(id.bytes.length, reference.bytes.length);
            while (shared < max && id.bytes[shared] == reference.bytes[shared]) {
                shared++;
            }
        }
        writeVarLong(out, ((long) shared << 2) | id.form);
        writeVarInt(out, id.bytes.length - shared);
        out.write(id.bytes, shared, id.bytes.length - shared);
    }

    static RawId readId(DataInput in, RawId reference) throws IOException {
        long header = readVarLong(in);
        int form = (int) (header & 3);
        long shared = header >>> 2;
        if (form > FORM_ELASTIC) {
            throw new IOException("unknown entity id form " + form);
        }
        if (shared > 0 && (reference == null || reference.form != form || shared > reference.bytes.length)) {
            throw new IOException("entity id shares " + shared + " bytes with a reference that does not match");
        }
        byte[] tail = readBytes(in);
        byte[] bytes = shared == 0 ? tail : concat(reference.bytes, (int) shared, tail);
        return new RawId(bytes, form);
    }

    private static byte[] concat(byte[] prefixSource, int prefixLength, byte[] tail) {
        byte[] bytes = Arrays.copyOf(prefixSource, prefixLength + tail.length);
        System.arraycopy(tail, 0, bytes, prefixLength, tail.length);
        return bytes;
    }

    /** Packing of the text inside Elastic Defend entity ids: {@code uuid-pid-seconds.nanos}. */
    static final class ElasticId {
        private static final int UUID_CHARS = 36;
        private static final char[] HEX = "0123456789abcdef".toCharArray();

        private ElasticId() {}

        /** Packed bytes, or null when the text is not exactly in that shape. */
        static byte[] pack(byte[] text) {
            int n = text.length;
            if (n < UUID_CHARS + 6 || text[UUID_CHARS] != '-') {
                return null;
            }
            byte[] uuid = new byte[16];
            int b = 0;
            for (int i = 0; i < UUID_CHARS; i++) {
                if (i == 8 || i == 13 || i == 18 || i == 23) {
                    if (text[i] != '-') {
                        return null;
                    }
                    continue;
                }
                int hi = hex(text[i]);
                int lo = hex(text[++i]);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                uuid[b++] = (byte) (hi << 4 | lo);
            }
            int pos = UUID_CHARS + 1;
            int dash = indexOf(text, (byte) '-', pos);
            int dot = dash < 0 ? -1 : indexOf(text, (byte) '.', dash + 1);
            if (dash < 0 || dot < 0 || n - dot - 1 != 9) {
                return null;
            }
            long pid = decimal(text, pos, dash);
            long seconds = decimal(text, dash + 1, dot);
            long nanos = decimal(text, dot + 1, n);
            if (pid < 0 || seconds < 0 || nanos < 0) {
                return null;
            }
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(32);
            try (DataOutputStream out = new DataOutputStream(buffer)) {
                out.write(uuid);
                writeVarLong(out, pid);
                writeVarLong(out, seconds);
                writeVarLong(out, nanos);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            byte[] packed = buffer.toByteArray();
            return Arrays.equals(render(packed), text) ? packed : null;
        }

        static byte[] render(byte[] packed) {
            if (packed.length < 16 + 3) {
                throw new IllegalStateException("corrupt packed entity id of " + packed.length + " bytes");
            }
            StringBuilder s = new StringBuilder(64);
            for (int i = 0; i < 16; i++) {
                if (i == 4 || i == 6 || i == 8 || i == 10) {
                    s.append('-');
                }
                s.append(HEX[(packed[i] >> 4) & 0xF]).append(HEX[packed[i] & 0xF]);
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(packed, 16, packed.length - 16))) {
                long pid = readVarLong(in);
                long seconds = readVarLong(in);
                long nanos = readVarLong(in);
                String fraction = Long.toString(nanos);
                s.append('-').append(pid).append('-').append(seconds).append('.');
                for (int pad = fraction.length(); pad < 9; pad++) {
                    s.append('0');
                }
                s.append(fraction);
            } catch (IOException e) {
                throw new IllegalStateException("corrupt packed entity id", e);
            }
            return s.toString().getBytes(StandardCharsets.US_ASCII);
        }

        private static int hex(byte c) {
            if (c >= '0' && c <= '9') {
                return c - '0';
            }
            return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        }

        private static int indexOf(byte[] text, byte c, int from) {
            for (int i = from; i < text.length; i++) {
                if (text[i] == c) {
                    return i;
                }
            }
            return -1;
        }

        /** Non-negative decimal of 1-18 digits, else -1 (leading zeros are caught by the render check). */
        private static long decimal(byte[] text, int from, int to) {
            int digits = to - from;
            if (digits < 1 || digits > 18) {
                return -1;
            }
            long v = 0;
            for (int i = from; i < to; i++) {
                if (text[i] < '0' || text[i] > '9') {
                    return -1;
                }
                v = v * 10 + (text[i] - '0');
            }
            return v;
        }
    }

    /** The decoded bytes when {@code s} is padded base64 that re-encodes to exactly {@code s}; else null. */
    static byte[] decodeCanonicalBase64(String s) {
        int n = s.length();
        if (n < 4 || n % 4 != 0) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean alphabet =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
            if (!alphabet && !(c == '=' && i >= n - 2)) {
                return null;
            }
        }
        byte[] decoded;
        try {
            decoded = BASE64_DECODER.decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return BASE64_ENCODER.encodeToString(decoded).equals(s) ? decoded : null;
    }
}
