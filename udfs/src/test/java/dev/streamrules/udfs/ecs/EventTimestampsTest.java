package dev.streamrules.udfs.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written decoder of the sensors' timestamp shape gives exactly what {@link Instant#parse} gives. */
class EventTimestampsTest {

    @Test
    void agreesWithInstantParseOnRandomTimestamps() {
        Random random = new Random(3);
        for (int n = 0; n < 50_000; n++) {
            String text = String.format(
                    "%04d-%02d-%02dT%02d:%02d:%02d%s%s",
                    random.nextInt(10_000),
                    random.nextInt(14),
                    random.nextInt(33),
                    random.nextInt(25),
                    random.nextInt(61),
                    random.nextInt(61),
                    fraction(random),
                    random.nextInt(20) == 0 ? "+01:00" : random.nextInt(30) == 0 ? "" : "Z");
            assertThat(EventTimestamps.parse(text)).as(text).isEqualTo(reference(text));
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024-02-29T23:59:59.999999999Z",
                "2023-02-29T00:00:00Z",
                "1969-12-31T23:59:59.999Z",
                "0000-01-01T00:00:00Z",
                "2024-05-01T12:00:00.Z",
                "2024-05-01T12:00:00,5Z",
                "2024-05-01t12:00:00Z",
                "2024-05-01T12:00:00.1234567890Z",
                "+2024-05-01T12:00:00Z",
                "2024-05-01T12:00:60Z",
                "２０２４-05-01T12:00:00Z"
            })
    void agreesWithInstantParseOnEdgeCases(String text) {
        assertThat(EventTimestamps.parse(text)).isEqualTo(reference(text));
    }

    private static String fraction(Random random) {
        int digits = random.nextInt(11);
        if (digits == 0) {
            return "";
        }
        StringBuilder out = new StringBuilder(".");
        for (int i = 1; i < digits; i++) {
            out.append(random.nextInt(10));
        }
        return out.toString();
    }

    private static long reference(String text) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            return EcsEvent.NO_TIMESTAMP;
        }
    }
}
