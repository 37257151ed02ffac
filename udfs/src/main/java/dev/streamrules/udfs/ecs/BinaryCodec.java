package dev.streamrules.udfs.ecs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The building blocks of the record serializers: varints, nullable strings and nullable byte arrays.
 *
 * <p>A string is its length plus one as a varint (0 for {@code null}), then its characters as
 * UTF-8, except that each UTF-16 unit is encoded on its own (a surrogate takes three bytes), so any
 * Java string, unpaired surrogates included, comes back exactly. ASCII text, nearly all of an ECS
 * event, is read with one bulk copy. Strings go through a per-thread scratch buffer: the output and
 * input views are written and read in whole runs, never byte by byte.
 */
final class BinaryCodec {

    /** Largest string or byte array accepted when reading: a longer length means corrupt input. */
    static final int MAX_LENGTH = 1 << 30;

    private static final ThreadLocal<byte[][]> SCRATCH = ThreadLocal.withInitial(() -> new byte[][] {new byte[256]});

    private BinaryCodec() {}

    static void writeVarInt(DataOutputView out, int value) throws IOException {
        while ((value & ~0x7F) != 0) {
            out.writeByte((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    static int readVarInt(DataInputView in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("corrupt varint (more than five bytes)");
    }

    static void writeVarLong(DataOutputView out, long value) throws IOException {
        while ((value & ~0x7FL) != 0) {
            out.writeByte((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.writeByte((int) value);
    }

    static long readVarLong(DataInputView in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("corrupt varlong (more than ten bytes)");
    }

    /** Small negative numbers (a partition of -1) stay one byte. */
    static void writeZigZag(DataOutputView out, long value) throws IOException {
        writeVarLong(out, (value << 1) ^ (value >> 63));
    }

    static long readZigZag(DataInputView in) throws IOException {
        long v = readVarLong(in);
        return (v >>> 1) ^ -(v & 1);
    }

    static void writeBytes(DataOutputView out, byte[] bytes) throws IOException {
        if (bytes == null) {
            writeVarInt(out, 0);
            return;
        }
        writeVarInt(out, bytes.length + 1);
        out.write(bytes);
    }

    static byte[] readBytes(DataInputView in) throws IOException {
        int length = length(in);
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    static void writeString(DataOutputView out, String s) throws IOException {
        if (s == null) {
            writeVarInt(out, 0);
            return;
        }
        int chars = s.length();
        byte[] buf = scratch(chars * 3);
        int n = 0;
        for (int i = 0; i < chars; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                buf[n++] = (byte) c;
            } else if (c < 0x800) {
                buf[n++] = (byte) (0xC0 | (c >> 6));
                buf[n++] = (byte) (0x80 | (c & 0x3F));
            } else {
                buf[n++] = (byte) (0xE0 | (c >> 12));
                buf[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        writeVarInt(out, n + 1);
        out.write(buf, 0, n);
    }

    static String readString(DataInputView in) throws IOException {
        int length = length(in);
        if (length < 0) {
            return null;
        }
        byte[] buf = scratch(length);
        in.readFully(buf, 0, length);
        for (int i = 0; i < length; i++) {
            if (buf[i] < 0) {
                return decode(buf, i, length);
            }
        }
        return new String(buf, 0, length, StandardCharsets.ISO_8859_1);
    }

    /** Decodes {@code buf[0..length)} whose bytes before {@code firstMultiByte} are ASCII. */
    private static String decode(byte[] buf, int firstMultiByte, int length) throws IOException {
        char[] chars = new char[length];
        for (int i = 0; i < firstMultiByte; i++) {
            chars[i] = (char) buf[i];
        }
        int n = firstMultiByte;
        int i = firstMultiByte;
        while (i < length) {
            int b = buf[i++] & 0xFF;
            if (b < 0x80) {
                chars[n++] = (char) b;
            } else if ((b & 0xE0) == 0xC0 && i < length) {
                chars[n++] = (char) (((b & 0x1F) << 6) | (buf[i++] & 0x3F));
            } else if ((b & 0xF0) == 0xE0 && i + 1 < length) {
                chars[n++] = (char) (((b & 0x0F) << 12) | ((buf[i] & 0x3F) << 6) | (buf[i + 1] & 0x3F));
                i += 2;
            } else {
                throw new IOException("corrupt string encoding at byte " + (i - 1));
            }
        }
        return new String(chars, 0, n);
    }

    /** The length that follows, or -1 for {@code null}. */
    private static int length(DataInputView in) throws IOException {
        int stored = readVarInt(in);
        if (stored < 0 || stored - 1 > MAX_LENGTH) {
            throw new IOException("corrupt length " + (stored - 1));
        }
        return stored - 1;
    }

    private static byte[] scratch(int size) {
        byte[][] holder = SCRATCH.get();
        if (holder[0].length < size) {
            holder[0] = new byte[Math.max(size, holder[0].length * 2)];
        }
        return holder[0];
    }
}
