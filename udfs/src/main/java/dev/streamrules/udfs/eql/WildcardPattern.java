package dev.streamrules.udfs.eql;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A compiled EQL wildcard pattern as the {@code :} operator uses it on keyword fields: the whole value
 * must match, case-insensitively; {@code *} matches any run of characters (including {@code /},
 * newlines and the empty run), {@code ?} exactly one character, and a backslash makes the next
 * character literal. Characters are Unicode code points, as in Lucene's wildcard automaton.
 *
 * <p>Case-insensitivity follows Lucene's case-insensitive automata (what Elasticsearch builds for a
 * {@code case_insensitive} wildcard query): a pattern character {@code p} accepts {@code p}, its
 * upper- and lower-case mappings, and the other members of its simple case-folding class (so
 * {@code k} accepts the Kelvin sign and {@code s} the long s). Simple case folding leaves the Turkish
 * dotted capital and dotless small i alone, so {@code i} accepts neither of them; {@code ı} still
 * accepts {@code I} and {@code İ} accepts {@code i} through their direct case mappings. Like
 * Elasticsearch, a backslash-escaped character is matched exactly, case included. Elasticsearch
 * releases that fold ASCII only accept a subset of what this accepts, never more.
 *
 * <p>Compile once (at rule build time); {@link #matches} allocates nothing.
 */
public final class WildcardPattern implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final int STAR = -1;
    private static final int ONE = -2;
    /** "No such case variant": never equal to a code point. */
    private static final int NONE = -3;

    private final String source;
    /** Pattern code points as written, or {@link #STAR} / {@link #ONE}. */
    private final int[] tokens;
    /** Per literal token: its upper-case, lower-case and folded forms, or {@link #NONE}. */
    private final int[] upper;

    private final int[] lower;
    private final int[] folded;

    private final boolean caseInsensitive;

    private WildcardPattern(String source, int[] tokens, boolean[] exact, boolean caseInsensitive) {
        this.source = source;
        this.caseInsensitive = caseInsensitive;
        this.tokens = tokens;
        this.upper = new int[tokens.length];
        this.lower = new int[tokens.length];
        this.folded = new int[tokens.length];
        for (int t = 0; t < tokens.length; t++) {
            int cp = tokens[t];
            boolean caseless = cp < 0 || exact[t] || !caseInsensitive;
            upper[t] = caseless ? NONE : Character.toUpperCase(cp);
            lower[t] = caseless ? NONE : Character.toLowerCase(cp);
            folded[t] = caseless || isTurkishI(cp) ? NONE : fold(cp);
        }
    }

    public static WildcardPattern compile(String pattern) {
        return compile(pattern, true);
    }

    /** A wildcard query's pattern: case-sensitive ({@code like}) or case-insensitive ({@code like~}, {@code :}). */
    public static WildcardPattern compile(String pattern, boolean caseInsensitive) {
        if (pattern == null) {
            throw new IllegalArgumentException("wildcard pattern must not be null");
        }
        int[] out = new int[pattern.length()];
        boolean[] exact = new boolean[pattern.length()];
        int n = 0;
        for (int i = 0; i < pattern.length(); ) {
            int cp = pattern.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\\' && i < pattern.length()) {
                int escaped = pattern.codePointAt(i);
                i += Character.charCount(escaped);
                exact[n] = true;
                out[n++] = escaped;
            } else if (cp == '*') {
                if (n == 0 || out[n - 1] != STAR) {
                    out[n++] = STAR; // "**" is the same as "*"
                }
            } else if (cp == '?') {
                out[n++] = ONE;
            } else {
                out[n++] = cp; // a trailing lone backslash is a literal backslash, as in Lucene
            }
        }
        return new WildcardPattern(pattern, Arrays.copyOf(out, n), Arrays.copyOf(exact, n), caseInsensitive);
    }

    /**
     * A term (no wildcards): the whole value equals {@code text}, case-insensitively as Lucene's
     * case-insensitive term query compares, or exactly.
     */
    public static WildcardPattern literal(String text, boolean caseInsensitive) {
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return compile(escaped.toString(), caseInsensitive);
    }

    /**
     * The case-insensitive key of a text: every code point folded the way this class's insensitive
     * matching compares them, so that an insensitive term or pattern character accepts a value
     * character only if both have the same key. Indexes of rule terms use it.
     */
    public static String foldKey(String text) {
        // Every event value an insensitive index clause looks up is folded: most are ASCII, whose
        // fold is its lower case, and many have no upper case at all (then the text is its own key).
        int length = text.length();
        int first = 0;
        while (first < length && isAsciiFolded(text.charAt(first))) {
            first++;
        }
        if (first == length) {
            return text;
        }
        char[] out = null;
        for (int i = first; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return foldCodePoints(text); // ſ, K (Kelvin) and others fold into ASCII
            }
            if (c >= 'A' && c <= 'Z') {
                if (out == null) {
                    out = text.toCharArray();
                }
                out[i] = (char) (c + ('a' - 'A'));
            }
        }
        return new String(out);
    }

    private static boolean isAsciiFolded(char c) {
        return c < 0x80 && (c < 'A' || c > 'Z');
    }

    /** {@link #foldKey} of any text, a code point at a time. */
    static String foldCodePoints(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> out.appendCodePoint(fold(cp)));
        return out.toString();
    }

    /** Whole-value match (case-insensitive unless compiled otherwise). {@code null} never matches. */
    public boolean matches(String value) {
        if (value == null) {
            return false;
        }
        int t = 0;
        int i = 0;
        int starToken = -1;
        int starResume = 0;
        final int len = value.length();
        while (i < len) {
            if (t < tokens.length) {
                int token = tokens[t];
                if (token == STAR) {
                    starToken = t++;
                    starResume = i;
                    continue;
                }
                int cp = value.codePointAt(i);
                if (token == ONE || token == cp || accepts(t, cp)) {
                    t++;
                    i += Character.charCount(cp);
                    continue;
                }
            }
            if (starToken < 0) {
                return false;
            }
            // Backtrack: let the last star swallow one more character and retry from there.
            starResume += Character.charCount(value.codePointAt(starResume));
            i = starResume;
            t = starToken + 1;
        }
        while (t < tokens.length && tokens[t] == STAR) {
            t++;
        }
        return t == tokens.length;
    }

    /** Whether literal token {@code t} accepts the value code point {@code cp} as a case variant. */
    private boolean accepts(int t, int cp) {
        return cp == upper[t] || cp == lower[t] || (folded[t] != NONE && !isTurkishI(cp) && fold(cp) == folded[t]);
    }

    /**
     * Simple case folding as far as the JDK's case tables reach: one representative per class, so
     * 'K', 'k' and the Kelvin sign, or 's', 'S' and the long s, fold alike. The Turkish dotted capital
     * and dotless small i are excluded by the callers: Unicode's simple folding keeps them apart from
     * 'i', while the JDK's upper/lower round trip would merge them.
     */
    private static int fold(int cp) {
        return Character.toLowerCase(Character.toUpperCase(cp));
    }

    private static boolean isTurkishI(int cp) {
        return cp == 0x130 || cp == 0x131;
    }

    public String pattern() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WildcardPattern
                && ((WildcardPattern) o).source.equals(source)
                && ((WildcardPattern) o).caseInsensitive == caseInsensitive;
    }

    @Override
    public int hashCode() {
        return source.hashCode() * 31 + (caseInsensitive ? 1 : 0);
    }

    @Override
    public String toString() {
        return "\"" + source + "\"";
    }
}
