package dev.streamrules.job.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.udfs.sequence.SequenceDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reason label of the {@code deadLetters} metric: a small fixed set, whatever the reason's text.
 * Events without a single host.id are valid events, so "missing host.id" is no reason of the parser's.
 */
class DeadLetterReasonsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "record larger than 1048576 bytes | too_large",
                "empty record | empty",
                "invalid UTF-8 at byte 3 | invalid_utf8",
                "nesting deeper than 512 levels | too_deep",
                "invalid JSON: Unexpected end-of-input | invalid_json",
                "not a JSON object | not_an_object",
                "missing host.id | other",
                "host.id has 2 values, expected one | other",
                "rejected by Elasticsearch: 400 mapper_parsing_exception | other",
            })
    void namesTheKindOfEachReason(String reason, String kind) {
        assertThat(DeadLetterReasons.kind(reason)).isEqualTo(kind);
    }

    @Test
    void lateEventsOfSequencesHaveAKindOfTheirOwn() {
        assertThat(DeadLetterReasons.kind(SequenceDescriptors.LATE_EVENT_REASON))
                .isEqualTo("late_event");
    }
}
