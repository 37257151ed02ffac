package dev.streamrules.udfs.rule.toml;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TomlStringsTest {

    private static final TomlMapper TOML = new TomlMapper();

    /**
     * A value as written after {@code q = }, a character of the decoded value, and the text at the file
     * offset it must map to.
     */
    static Stream<Arguments> strings() {
        return Stream.of(
                Arguments.of("\"abc\"", 'c', "c\""),
                Arguments.of("'a\\b'", 'b', "b'"),
                Arguments.of("\"a\\tb\"", 'b', "b\""),
                Arguments.of("\"a\\\"b\"", 'b', "b\""),
                Arguments.of("\"\\u00e9x\"", 'x', "x\""),
                Arguments.of("\"\\U0001F600x\"", 'x', "x\""),
                Arguments.of("\"\"\"\nfirst\nsecond\"\"\"", 's', "second\"\"\""),
                Arguments.of("\"\"\"one \\\n    two\"\"\"", 't', "two\"\"\""),
                Arguments.of("\"\"\"one \\   \r\n\n  two\"\"\"", 't', "two\"\"\""),
                Arguments.of("'''\nraw \\d\nz'''", 'z', "z'''"),
                Arguments.of("'''\r\nraw\r\nz'''", 'z', "z'''"),
                Arguments.of("\"\"\"a \"quoted\" b\"\"\"", 'b', "b\"\"\""),
                Arguments.of("\"\"\"ends with two quotes\"\"\"\"\"", 's', "s\"\"\"\"\""),
                Arguments.of("'''x''''", 'x', "x''''"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("strings")
    void decodesLikeTheTomlLibraryAndMapsEachCharacterBack(String written, char probe, String expectedAt)
            throws Exception {
        String file = "# comment\nq = " + written + "\n";
        int start = file.indexOf(written);
        TomlStrings.Decoded decoded = TomlStrings.decode(file, start);

        assertThat(decoded.value()).isEqualTo(TOML.readTree(file).get("q").asText());
        int offset = decoded.fileOffset(decoded.value().lastIndexOf(probe));
        assertThat(file.substring(offset)).startsWith(expectedAt);
        assertThat(TomlStrings.end(file, start)).isEqualTo(start + written.length());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("strings")
    void theEndOfTheValueMapsToItsClosingDelimiter(String written, char probe, String expectedAt) {
        String file = "q = " + written;
        TomlStrings.Decoded decoded = TomlStrings.decode(file, 4);
        int closing = decoded.fileOffset(decoded.value().length());
        assertThat(file.substring(closing)).isEqualTo(written.substring(written.length() - (file.length() - closing)));
        assertThat(file.charAt(closing)).isEqualTo(written.charAt(0));
    }
}
