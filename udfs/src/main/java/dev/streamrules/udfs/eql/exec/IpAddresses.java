package dev.streamrules.udfs.eql.exec;

import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * IP addresses as Elasticsearch's {@code ip} field indexes them: 16 bytes, IPv4 as IPv4-mapped IPv6,
 * so {@code 10.0.0.1} and {@code ::ffff:10.0.0.1} are the same term. Only literal addresses are
 * accepted (never a host name to resolve).
 */
public final class IpAddresses {

    private IpAddresses() {}

    /** The 16-byte form of a literal address, or {@code null} when the text is not one. */
    public static byte[] parse(String text) {
        if (text == null || text.isEmpty() || !looksLikeAddress(text)) {
            return null;
        }
        try {
            byte[] raw = InetAddress.getByName(text).getAddress();
            if (raw.length == 16) {
                return raw;
            }
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(raw, 0, mapped, 12, 4);
            return mapped;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Only digits, dots, hex and colons (no host names, no zone ids): InetAddress never resolves then. */
    private static boolean looksLikeAddress(String text) {
        boolean colon = text.indexOf(':') >= 0;
        int dots = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                dots++;
            } else if (!(c >= '0' && c <= '9')
                    && !(colon && (c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))) {
                return false;
            }
        }
        return colon || dots == 3;
    }

    /** Text of a 16-byte address as Elasticsearch formats ip doc values (IPv4 dotted when mapped). */
    public static String format(byte[] address) {
        try {
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= address[i] == 0;
            }
            mapped &= address[10] == (byte) 0xff && address[11] == (byte) 0xff;
            byte[] raw = mapped ? Arrays.copyOfRange(address, 12, 16) : address;
            String text = InetAddress.getByAddress(raw).getHostAddress();
            return mapped ? text : compress(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** RFC 5952 style: the longest run of zero groups becomes "::". */
    private static String compress(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; ) {
            if (groups[i].equals("0")) {
                int j = i;
                while (j < groups.length && groups[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLength) {
                    bestStart = i;
                    bestLength = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }

    /** An address or a CIDR block, as an {@code ip} term query accepts it. */
    public static final class Block implements Serializable {
        private static final long serialVersionUID = 1L;
        private final byte[] base;
        private final int prefix;
        private final String text;

        private Block(byte[] base, int prefix, String text) {
            this.base = base;
            this.prefix = prefix;
            this.text = text;
        }

        /** {@code "10.0.0.0/8"}, {@code "fd00::/8"} or a single address; {@code null} when invalid. */
        public static Block parse(String text) {
            int slash = text.indexOf('/');
            byte[] address = IpAddresses.parse(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                return null;
            }
            int prefix = 128;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    return null;
                }
                boolean v4 = text.indexOf(':') < 0;
                int max = v4 ? 32 : 128;
                if (prefix < 0 || prefix > max) {
                    return null;
                }
                if (v4) {
                    prefix += 96;
                }
            }
            return new Block(address, prefix, text);
        }

        public boolean contains(byte[] address) {
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != base[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (base[full] & mask);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** Unsigned byte-wise order, as Elasticsearch orders ip terms. */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }
}
