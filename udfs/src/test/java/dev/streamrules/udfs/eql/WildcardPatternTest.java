package dev.streamrules.udfs.eql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code :} operator's wildcard matching. Case-insensitivity is compared with Lucene's
 * case-insensitive automata (what Elasticsearch builds for {@code case_insensitive} wildcard queries):
 * a pattern character accepts itself, its upper- and lower-case mapping and its simple case-folding
 * class; escaped characters are exact.
 */
class WildcardPatternTest {

    // Java escapes inside the CSV text are resolved by the compiler; '' is the empty string.
    @ParameterizedTest(name = "[{index}] ''{0}'' vs ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            *            | ''                  | true
            *            | 'any/thing\nat all' | true
            ''           | ''                  | true
            ''           | a                   | false
            a            | ''                  | false
            abc          | abc                 | true
            abc          | abcd                | false
            abc          | xabc                | false
            ?            | ''                  | false
            ?            | a                   | true
            ?            | ab                  | false
            ??           | ab                  | true
            a?c          | abc                 | true
            a?c          | ac                  | false
            a?c          | a/c                 | true
            a*c          | ac                  | true
            a*c          | a/b/c               | true
            a*c          | a/b/cd              | false
            a**b         | ab                  | true
            a**b         | axyb                | true
            ***          | ''                  | true
            *?*          | ''                  | false
            *?*          | x                   | true
            *a*b*        | xxbxxaxx            | false
            *a*b*        | xxaxxbxx            | true
            '\\*'        | *                   | true
            '\\*'        | a                   | false
            '\\*'        | ''                  | false
            '\\?'        | ?                   | true
            '\\?'        | a                   | false
            '\\\\'       | '\\'                | true
            '\\\\'       | '\\\\'              | false
            'a\\'        | 'a\\'               | true
            '\\**'       | '*tail'             | true
            '\\**'       | 'tail*'             | false
            ABC          | abc                 | true
            abc          | AbC                 | true
            '\\A'        | A                   | true
            '\\A'        | a                   | false
            ?            | '\uD83D\uDE00'      | true
            ??           | '\uD83D\uDE00'      | false
            'a?b'        | 'a\uD83D\uDE00b'    | true
            '\uD83D\uDE00*' | '\uD83D\uDE00x'  | true
            '\uD83D\uDE01'  | '\uD83D\uDE00'   | false
            '\uD801\uDC00'  | '\uD801\uDC28'   | true
            '\u00E9'     | '\u00C9'            | true
            '\u00DF'     | '\u1E9E'            | true
            k            | '\u212A'            | true
            K            | '\u212A'            | true
            '\u212A'     | k                   | true
            '\u212A'     | K                   | true
            s            | '\u017F'            | true
            '\u017F'     | S                   | true
            '\u03C3'     | '\u03C2'            | true
            '\u03A3'     | '\u03C2'            | true
            i            | I                   | true
            i            | '\u0131'            | false
            i            | '\u0130'            | false
            I            | '\u0131'            | false
            I            | '\u0130'            | false
            '\u0131'     | I                   | true
            '\u0131'     | i                   | false
            '\u0130'     | i                   | true
            '\u0130'     | I                   | false
            '/proc/*/maps' | '/PROC/1/MAPS'    | true
            '/proc/*/maps' |  '/proc/1/map\u017F'| true
            """)
    void matches(String pattern, String value, boolean expected) {
        assertThat(WildcardPattern.compile(pattern).matches(value)).isEqualTo(expected);
    }

    @Test
    void pathologicalBacktrackingStaysLinear() {
        WildcardPattern p = WildcardPattern.compile("*a*a*a*a*b");
        String as = "a".repeat(10_000);
        assertThat(p.matches(as)).isFalse();
        assertThat(p.matches(as + "b")).isTrue();
    }

    @Test
    void nullNeverMatchesAndNullPatternIsRejected() {
        assertThat(WildcardPattern.compile("*").matches(null)).isFalse();
        assertThatThrownBy(() -> WildcardPattern.compile(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be null");
    }

    /** The key's shortcuts for ASCII text against folding every code point, on random text. */
    @Test
    void foldKeyFoldsEveryCodePoint() {
        String[] pieces = {
            "a", "Z", "m", "Q", "0", "/", " ", "-", "~", "\u007f", "é", "É", "ſ", "\u212a", "İ", "ı", "ß", "😀", "Σ"
        };
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                // mostly ASCII, as event values are: the shortcuts must meet the rest in any position
                text.append(pieces[random.nextInt(random.nextInt(4) == 0 ? pieces.length : 10)]);
            }
            String value = text.toString();
            assertThat(WildcardPattern.foldKey(value)).as(value).isEqualTo(WildcardPattern.foldCodePoints(value));
        }
        String folded = "already/lower-case 42";
        assertThat(WildcardPattern.foldKey(folded)).isSameAs(folded);
        assertThat(WildcardPattern.foldKey("Kworker/ſ")).isEqualTo("kworker/s");
    }

    @Test
    void keepsItsSourceText() {
        WildcardPattern p = WildcardPattern.compile("/proc/*/maps");
        assertThat(p.pattern()).isEqualTo("/proc/*/maps");
        assertThat(p).hasToString("\"/proc/*/maps\"").isEqualTo(WildcardPattern.compile("/proc/*/maps"));
    }
}
