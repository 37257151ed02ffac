package dev.streamrules.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeadLetterReasonsTest {

    /** Events without a single host.id are valid events now, so "missing host.id" is no reason of the parser's. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            record larger than 1048576 bytes              | too_large
            empty record                                  | empty
            invalid UTF-8 at byte 3                       | invalid_utf8
            nesting deeper than 200                       | too_deep
            invalid JSON: Duplicate field 'a'             | invalid_json
            not a JSON object                             | not_an_object
            late event                                    | late
            field process is both a value and an object   | other
            missing host.id                               | other
            """)
    void groupsReasonsIntoAFixedSetOfKinds(String reason, String kind) {
        assertThat(DeadLetterReasons.kind(reason)).isEqualTo(kind);
    }
}
