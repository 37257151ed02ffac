package dev.streamrules.udfs.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecentValuesTest {

    private final RecentValues values = RecentValues.forThisThread();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Wherever the bytes sit, a value met again is the string made the first time. */
    @ParameterizedTest
    @ValueSource(strings = {"", "exec", "12345678", "/usr/bin/cat", "exactly-16-bytes", "/usr/lib/systemd/systemd"})
    void aValueMetAgainIsTheSameString(String value) {
        byte[] first = utf8("{\"a\":\"" + value + "\"}");
        byte[] second = utf8("[\"" + value + "\"]");
        String made = values.text(first, 6, 6 + first.length - 8);
        assertThat(made).isEqualTo(value);
        assertThat(values.text(second, 2, 2 + second.length - 4)).isSameAs(made);
    }

    @Test
    void valuesThatShareTheirFirstAndLastEightBytesStayApart() {
        byte[] a = utf8("/usr/lib/systemd/systemd");
        byte[] b = utf8("/usr/lib/systemx/systemd");
        assertThat(values.text(a, 0, a.length)).isEqualTo("/usr/lib/systemd/systemd");
        assertThat(values.text(b, 0, b.length)).isEqualTo("/usr/lib/systemx/systemd");
        assertThat(values.text(a, 0, a.length)).isEqualTo("/usr/lib/systemd/systemd");
    }

    @Test
    void longValuesAreDecodedEachTime() {
        byte[] id = utf8("ZmNhOGUxNTUtNjliMS00YzM3LTkyOWMtYjk3OTg3MmM3ZTIzLTEtMTc5MzQ5MTIwMDAwMTM0NDA5Nw==");
        String made = values.text(id, 0, id.length);
        assertThat(made).isEqualTo(new String(id, StandardCharsets.UTF_8));
        assertThat(values.text(id, 0, id.length)).isEqualTo(made).isNotSameAs(made);
    }

    /** Random values from a small alphabet, so that many collide: the text is always the bytes' decoding. */
    @Test
    void alwaysTheBytesDecoding() {
        String alphabet = "ab/é-.";
        Random random = new Random(31);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder value = new StringBuilder();
            for (int n = random.nextInt(RecentValues.MAX_BYTES / 2 + 4); n > 0; n--) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            byte[] padded = utf8("\"" + value + "\"" + "x".repeat(random.nextInt(10)));
            byte[] bytes = utf8(value.toString());
            assertThat(values.text(padded, 1, 1 + bytes.length)).isEqualTo(value.toString());
        }
    }
}
