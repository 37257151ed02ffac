package dev.streamrules.udfs.eql;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A compiled EQL wildcard pattern as the {@code :} operator uses it on keyword fields: the whole value
 * must match, case-insensitively; {@code *} matches any run of characters (including {@code /},
 * newlines and the empty run), {@code ?} exactly one character, and a backslash makes the next
 * character literal. Characters are Unicode code points, as in Lucene's wildcard automaton.
 *
 * <p>Compile once (at rule build time); {@link #matches} allocates nothing.
 */
public final class WildcardPattern implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final int STAR = -1;
    private static final int ONE = -2;

    private final String source;
    /** Lower-cased code points, or {@link #STAR} / {@link #ONE}. */
    private final int[] tokens;

    private WildcardPattern(String source, int[] tokens) {
        this.source = source;
        this.tokens = tokens;
    }

    public static WildcardPattern compile(String pattern) {
        if (pattern == null) {
            throw new IllegalArgumentException("wildcard pattern must not be null");
        }
        int[] out = new int[pattern.length()];
        int n = 0;
        for (int i = 0; i < pattern.length(); ) {
            int cp = pattern.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\\' && i < pattern.length()) {
                int escaped = pattern.codePointAt(i);
                i += Character.charCount(escaped);
                out[n++] = fold(escaped);
            } else if (cp == '*') {
                if (n == 0 || out[n - 1] != STAR) {
                    out[n++] = STAR; // "**" is the same as "*"
                }
            } else if (cp == '?') {
                out[n++] = ONE;
            } else {
                out[n++] = fold(cp);
            }
        }
        return new WildcardPattern(pattern, Arrays.copyOf(out, n));
    }

    /** Whole-value, case-insensitive match. {@code null} never matches. */
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
                if (token == ONE || token == cp || token == fold(cp)) {
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

    /** Case folding that makes e.g. 'K', 'k' and the Kelvin sign compare equal. */
    private static int fold(int cp) {
        return Character.toLowerCase(Character.toUpperCase(cp));
    }

    public String pattern() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WildcardPattern && ((WildcardPattern) o).source.equals(source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return "\"" + source + "\"";
    }
}
