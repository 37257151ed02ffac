package dev.streamrules.udfs.tree;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code process.start} values: ISO-8601 instants of any shape, or epoch millis; anything else is no time. */
class ProcessInfoTest {

    @ParameterizedTest
    @CsvSource(
            nullValues = "NONE",
            value = {
                "2024-05-01T12:00:00.123456Z, 1714564800123",
                "2024-05-01T12:00:00Z, 1714564800000",
                "2024-05-01T14:00:00.5+02:00, 1714564800500",
                "1714564800123, 1714564800123",
                "0, 0",
                "99999999999999999999, NONE",
                "-5, NONE",
                "2024-13-01T12:00:00Z, NONE",
                "yesterday, NONE",
                "'', NONE",
                "NONE, NONE"
            })
    void timeOfReadsInstantsAndEpochMillis(String text, Long expected) {
        assertThat(ProcessInfo.timeOf(text)).isEqualTo(expected == null ? ProcessNode.NO_TIME : expected);
    }
}
