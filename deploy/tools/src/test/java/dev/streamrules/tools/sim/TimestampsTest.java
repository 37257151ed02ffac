package dev.streamrules.tools.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    private static final DateTimeFormatter NANOS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void matchesTheJavaTimeFormatterAcrossCenturies() {
        SplittableRandom random = new SplittableRandom(11);
        long from = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            long epochNanos = random.nextLong(from, to) * 1_000_000_000L + random.nextLong(1_000_000_000L);
            Instant at = Instant.ofEpochSecond(0, epochNanos);
            assertThat(Timestamps.nanos(epochNanos)).isEqualTo(NANOS.format(at));
            assertThat(Timestamps.millis(epochNanos)).isEqualTo(MILLIS.format(at));
        }
    }

    @Test
    void edges() {
        assertThat(Timestamps.nanos(0)).isEqualTo("1970-01-01T00:00:00.000000000Z");
        assertThat(Timestamps.nanos(-1)).isEqualTo("1969-12-31T23:59:59.999999999Z");
        assertThat(Timestamps.millis(1_999_999_999L)).isEqualTo("1970-01-01T00:00:01.999Z");
        long leapDay = Instant.parse("2028-02-29T23:59:59.000000042Z").getEpochSecond() * 1_000_000_000L + 42;
        assertThat(Timestamps.nanos(leapDay)).isEqualTo("2028-02-29T23:59:59.000000042Z");
    }
}
