package dev.streamrules.job.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.job.CountAlerts;
import dev.streamrules.job.Streams;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.util.OptionalFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplaySummaryTest {

    private static ReplaySummary summary(long read, long netRuntimeMillis) {
        return summary(read, netRuntimeMillis, 0L, 0L);
    }

    private static ReplaySummary summary(long read, long netRuntimeMillis, long withoutHost, long tooOld) {
        Map<String, OptionalFailure<Object>> accumulators = Map.of(
                Streams.RECORDS_READ, OptionalFailure.of(read),
                Streams.RECORDS_VALID, OptionalFailure.of(read - 2),
                Streams.RECORDS_DEAD, OptionalFailure.of(2L),
                Streams.EVENTS_WITHOUT_HOST, OptionalFailure.of(withoutHost),
                Streams.EVENTS_TOO_OLD, OptionalFailure.of(tooOld),
                CountAlerts.ALERTS, OptionalFailure.of(5L));
        return ReplaySummary.of(new JobExecutionResult(new JobID(), netRuntimeMillis, accumulators));
    }

    @Test
    void keepsTheSummaryLineScriptsParse() {
        ReplaySummary summary = summary(400_000L, 8_000L);
        assertThat(summary.line()).isEqualTo("events: 400000 read, 399998 valid, 2 dead-lettered, 5 alerts");
        assertThat(summary.netRuntimeMillis()).isEqualTo(8_000L);
    }

    @ParameterizedTest
    @CsvSource({
        "3, 0, 'events: 10 read, 8 valid, 2 dead-lettered, 5 alerts (3 valid without a single host.id)'",
        "0, 4, 'events: 10 read, 8 valid, 2 dead-lettered, 5 alerts (4 older than the maximum age set aside)'",
        "3, 4, 'events: 10 read, 8 valid, 2 dead-lettered, 5 alerts (3 valid without a single host.id; 4 older than the"
                + " maximum age set aside)'"
    })
    void notesOnTheValidEventsComeLastInParentheses(long withoutHost, long tooOld, String expected) {
        assertThat(summary(10L, 1L, withoutHost, tooOld).line()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "400000, 8000, 'throughput: 50000 events/s (400000 events in 8000 ms, job start to end of input)'",
        "3, 2000, 'throughput: 2 events/s (3 events in 2000 ms, job start to end of input)'",
        "7, 0, 'throughput: 7000 events/s (7 events in 0 ms, job start to end of input)'",
        "0, 150, 'throughput: 0 events/s (0 events in 150 ms, job start to end of input)'"
    })
    void throughputIsRecordsReadPerSecondOfNetRuntime(long read, long millis, String expected) {
        assertThat(summary(read, millis).throughputLine()).isEqualTo(expected);
    }
}
