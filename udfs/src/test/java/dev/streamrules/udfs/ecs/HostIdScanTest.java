package dev.streamrules.udfs.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The byte scan that partitions records before parsing: when it answers, a valid event has that
 * host id; when it cannot tell, it says so instead of guessing.
 */
class HostIdScanTest {

    private static final String UNSURE = "UNSURE";
    private static final String NONE = "NONE";

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"host\":{\"id\":\"h1\"}}                                   | h1",
                "{ \"a\" : [1, {\"host\": {\"id\": \"x\"}}], \"host\" : { \"id\" : \"h2\" } } | h2",
                "{\"host.id\":\"h3\",\"host\":{\"name\":\"n\"}}                | h3",
                "{\"host\":{\"name\":\"n\",\"os\":{\"id\":\"deep\"},\"id\":\"h4\"}} | h4",
                "{\"msg\":\"\\\"host\\\":{\\\"id\\\":\\\"fake\\\"} {[\",\"host\":{\"id\":\"h5\"}} | h5",
                "{\"host\":{\"id\":\"Grüße\"}}                               | Grüße",
                "{\"host\":{\"name\":\"n\"},\"x\":{\"host\":{\"id\":\"nested\"}}} | NONE",
                "{\"host\":\"plain\"}                                          | NONE",
                "{}                                                            | NONE",
                "{\"host\":{\"id\":\"h\\u0031\"}}                             | UNSURE",
                "{\"ho\\u0073t\":{\"id\":\"h1\"}}                             | UNSURE",
                "{\"host\":{\"id\":[\"h1\"]}}                                 | UNSURE",
                "{\"host\":{\"id\":7}}                                         | UNSURE",
                "{\"host\":[{\"id\":\"h1\"}]}                                 | UNSURE",
                "[{\"host\":{\"id\":\"h1\"}}]                                 | UNSURE",
                "{\"host\":{\"id\":\"h1                                       | UNSURE",
                "{\"host.id\":\"h1\",\"host\":{\"id\":\"h2\"}}                | UNSURE",
                "{\"host\":{\"id\":\"h1\"},\"n\":1,\"host.id\":\"h1\"}          | UNSURE",
            })
    void scansTopLevelHostId(String json, String expected) {
        String scanned = HostIdScan.scan(json.strip().getBytes(StandardCharsets.UTF_8));
        String shown = scanned == null ? UNSURE : scanned.equals(HostIdScan.NO_HOST) ? NONE : scanned;
        assertThat(shown).isEqualTo(expected);
    }

    /** Random documents mixing every spelling of host.id with decoys; checked against the parser. */
    @Test
    void agreesWithTheParserOnEveryValidEvent() {
        Random random = new Random(11);
        EcsEventParser parser = new EcsEventParser();
        int decided = 0;
        int valid = 0;
        for (int n = 0; n < 20_000; n++) {
            String json = randomDocument(random);
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            String scanned = HostIdScan.scan(bytes);
            ParseResult parsed = parser.parse(RawRecord.line("random", n, bytes, false));
            if (scanned != null) {
                decided++;
            }
            if (parsed.isValid()) {
                valid++;
                if (scanned != null) {
                    assertThat(scanned).as(json).isEqualTo(parsed.event().getHostId());
                }
            }
        }
        // both sides of the contract are exercised
        assertThat(decided).isGreaterThan(5_000);
        assertThat(valid).isGreaterThan(2_000);
    }

    private static final String[] IDS = {
        "\"h-1\"", "\"h-2\"", "\"\"", "7", "true", "null", "[\"h-1\"]", "[\"a\",\"b\"]", "\"h\\u002d1\"", "{\"x\":1}"
    };
    private static final String[] DECOYS = {
        "\"message\":\"\\\"host\\\": {\\\"id\\\": \\\"fake\\\"} { [\"",
        "\"agent\":{\"id\":\"agent-1\",\"host\":{\"id\":\"inner\"}}",
        "\"event\":{\"kind\":\"event\",\"tags\":[\"a\",{\"host\":\"x\"}]}",
        "\"host.name\":\"n\"",
        "\"host.id.extra\":\"x\"",
        "\"ho\\u0073t\":{\"id\":\"escaped\"}",
        "\"n\":-1.5e3",
        "\"b\":false",
    };

    private static String randomDocument(Random random) {
        StringBuilder doc = new StringBuilder("{");
        int members = 1 + random.nextInt(5);
        for (int m = 0; m < members; m++) {
            if (m > 0) {
                doc.append(',').append(random.nextBoolean() ? " " : "");
            }
            switch (random.nextInt(4)) {
                case 0 -> doc.append("\"host.id\":").append(pick(random, IDS));
                case 1 -> {
                    String host = "{"
                            + (random.nextBoolean() ? "\"name\":\"n\", \"os\":{\"id\":\"os\"}, " : "")
                            + (random.nextInt(4) == 0 ? "\"ip\":\"1\"" : "\"id\" : " + pick(random, IDS))
                            + "}";
                    doc.append("\"host\":").append(random.nextInt(6) == 0 ? "[" + host + "]" : host);
                }
                default -> doc.append(pick(random, DECOYS));
            }
        }
        return doc.append(random.nextInt(50) == 0 ? "" : "}").toString();
    }

    private static String pick(Random random, String[] from) {
        return from[random.nextInt(from.length)];
    }
}
