package dev.streamrules.udfs.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plain scanner changes no verdict, reason, field or timestamp: every document, valid or broken,
 * parses the same with it as through Jackson alone. It is also checked to take the plain documents
 * (else these tests would pass with a scanner that declines everything) and to decline the others.
 */
class PlainScannerTest {

    private static final int DOCUMENTS = 3000;
    private static final FieldProjection PROJECTION = FieldProjection.of(List.of("a", "a.b", "host.id", "@timestamp"));
    private static final byte[] MUTATIONS =
            "{}[]\",:\\ \t\n0123456789-+.eEtrufalsn/\u0001x".getBytes(StandardCharsets.US_ASCII);

    static Stream<RandomDocuments.Mix> mixes() {
        return Stream.of(RandomDocuments.Mix.PLAIN, RandomDocuments.Mix.NESTED, RandomDocuments.Mix.DOTTED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mixes")
    void documentsAndBrokenCopiesParseAsThroughJacksonAlone(RandomDocuments.Mix mix) {
        RandomDocuments documents = new RandomDocuments(23, mix);
        Random random = new Random(29);
        SoftAssertions softly = new SoftAssertions();
        int scanned = 0;
        int scannedDotted = 0;
        for (int i = 0; i < DOCUMENTS; i++) {
            byte[] bytes = documents.document().getBytes(StandardCharsets.UTF_8);
            if (i % 2 == 1) {
                bytes = mutate(bytes, random);
            }
            FieldProjection projection = ProjectionPropertyTest.randomProjection(documents, random);
            RawRecord record = RawRecord.line("random.ndjson", i, bytes, false);
            ParseResult reference = new EcsEventParser(projection, false).parse(record);
            EcsEventParser parser = new EcsEventParser(projection);
            ParseResult result = parser.parse(record);
            String json = new String(bytes, StandardCharsets.UTF_8);
            assertSame(softly, json, reference, result);
            if (PlainScanner.read(bytes, new ProjectedReader(parser.projection(), true))) {
                scanned++;
                scannedDotted += RandomDocuments.hasDottedKeys(bytes) ? 1 : 0;
                softly.assertThat(reference.isValid())
                        .as("the scanner took %s, which Jackson rejects", json)
                        .isTrue();
            }
        }
        softly.assertAll();
        if (mix == RandomDocuments.Mix.PLAIN) {
            assertThat(scanned).as("documents the scanner took").isGreaterThan(DOCUMENTS / 4);
        }
        if (mix == RandomDocuments.Mix.DOTTED) {
            assertThat(scannedDotted)
                    .as("documents with dotted keys the scanner took")
                    .isGreaterThan(DOCUMENTS / 8);
        }
    }

    /** Valid documents the scanner leaves to Jackson: each has what a plain document does not. */
    static Stream<String> validButNotPlain() {
        int deep = PlainScanner.MAX_DEPTH + 1;
        return Stream.of(
                "{\"a.\u00e9\":1}",
                "{\"a\":[1,{\"b\":1}],\"c.d\":1}",
                "{\"\\u0061\":1}",
                "{\"@timestamp\":1714564800123}",
                "{\"@timestamp\":\"2024-05-01T12:00:00\\u002e123Z\"}",
                "\uFEFF{\"a\":1}",
                "{\"a\":" + "[".repeat(deep) + "1" + "]".repeat(deep) + "}");
    }

    @ParameterizedTest
    @MethodSource("validButNotPlain")
    void declinesValidDocumentsThatAreNotPlain(String json) {
        assertDeclinedAndSame(json, true);
    }

    /**
     * Escapes in values the projection wants: the scanner decodes them, to the same strings as
     * Jackson, lone and paired surrogates included.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"host\":{\"id\":\"h\\\"1\"}}",
                "{\"a\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\",\"host\":{\"id\":\"h\"}}",
                "{\"a\":[\"-p -- \\\\u\",\"\\/\\b\\f\\n\\r\\t\"]}",
                "{\"a\":\"Gr\\u00fc\u00dfe \\u65e5\\u672c \u65e5\"}",
                "{\"a\":\"\\ud83d\\ude00 \\uD83D\\uDE00\"}",
                "{\"a\":\"lone \\ud83d, \\ude00 and \\u0000\"}",
                "{\"a\":\"\\\\\",\"x\":\"\\\"unwanted\\u0041\"}",
            })
    void decodesEscapesInWantedValuesAsJacksonDoes(String json) {
        assertScannedAndSame(json.getBytes(StandardCharsets.UTF_8), true, true);
    }

    /**
     * Keys told apart only by their middle bytes, or by their length, or ending a few bytes before the
     * document does: distinct keys, so the scanner takes each document, and the wanted ones are found.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"abcdefgh_1_abcdefgh\":1,\"abcdefgh_2_abcdefgh\":2,\"a\":{\"b\":3}}",
                "{\"abcdefgh12345678\":1,\"abcdefgh02345678\":2,\"abcdefgh1234567\":3,\"a\":4}",
                "{\"name\":1,\"nave\":2,\"a\":[1,2],\"host\":{\"id\":\"h\",\"ix\":1}}",
                "{\"host\":{\"ix\":1,\"id\":\"h\"}}",
                "{\"x\":{\"a\":1}}",
            })
    void takesKeysThatDifferOnlyInTheirMiddleOrLength(String json) {
        assertScannedAndSame(json.getBytes(StandardCharsets.UTF_8), true, true);
    }

    /** Broken documents: the scanner declines each, and Jackson's verdict and reason stand. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"a\":1,}",
                "{\"\":1}",
                "{\" \":1}",
                "{\"a\":01}",
                "{\"a\":-}",
                "{\"a\":1.}",
                "{\"a\":.5}",
                "{\"a\":+1}",
                "{\"a\":1e}",
                "{\"a\":tru}",
                "{\"a\":truex}",
                "{\"a\":nul}",
                "{\"a\":\"x\\q\"}",
                "{\"a\":\"x\\u12G4\"}",
                "{\"a\":\"tab\there\"}",
                "{\"a\":1} {\"b\":2}",
                "{\"a\":1}]",
                "{\"a\" 1}",
                "{\"a\":1 \"b\":2}",
                "{\"a\":[1 2]}",
                "{\"a\":[1,]}",
                "{\"a\":1,\"a\":2}",
                "{\"a\":{\"b\":1,\"b\":1}}",
                "{\"a\":{\"process_entry_leader_name\":1,\"process_entry_leader_name\":1}}",
                "{\"b\":1,\"abcdefgh\":1,\"abcdefgh\":2}",
                "{\"a\":1/*c*/}",
                "{a:1}",
                "{'a':1}",
                "[{\"a\":1}]",
                "{\"a\":\"unterminated}",
                "{\"a\":1",
            })
    void declinesBrokenDocuments(String json) {
        assertDeclinedAndSame(json, false);
    }

    /**
     * Invalid UTF-8 in a value no rule reads, in one it reads and in a key: a lone continuation byte,
     * an overlong slash, an encoded surrogate, a character cut short, a byte no UTF-8 has.
     */
    @ParameterizedTest
    @ValueSource(strings = {"80", "c0af", "eda080", "e697", "ff"})
    void declinesInvalidUtf8(String hex) {
        byte[] bad = HexFormat.of().parseHex(hex);
        for (String template : List.of("{\"x\":\"a#b\"}", "{\"a\":\"a#b\"}", "{\"k#\":1}")) {
            String[] parts = template.split("#");
            byte[] head = parts[0].getBytes(StandardCharsets.UTF_8);
            byte[] tail = parts[1].getBytes(StandardCharsets.UTF_8);
            byte[] bytes = new byte[head.length + bad.length + tail.length];
            System.arraycopy(head, 0, bytes, 0, head.length);
            System.arraycopy(bad, 0, bytes, head.length, bad.length);
            System.arraycopy(tail, 0, bytes, head.length + bad.length, tail.length);
            assertDeclinedAndSame(bytes, false);
        }
    }

    private static void assertDeclinedAndSame(String json, boolean valid) {
        assertScannedAndSame(json.getBytes(StandardCharsets.UTF_8), false, valid);
    }

    private static void assertDeclinedAndSame(byte[] bytes, boolean valid) {
        assertScannedAndSame(bytes, false, valid);
    }

    /** Whether the scanner takes {@code bytes}, Jackson's verdict, and the same event or reason from both. */
    private static void assertScannedAndSame(byte[] bytes, boolean scanned, boolean valid) {
        String json = new String(bytes, StandardCharsets.UTF_8);
        EcsEventParser parser = new EcsEventParser(PROJECTION);
        assertThat(PlainScanner.read(bytes, new ProjectedReader(parser.projection(), true)))
                .as("scanner took %s", json)
                .isEqualTo(scanned);
        RawRecord record = RawRecord.line("cases.ndjson", 1, bytes, false);
        ParseResult reference = new EcsEventParser(PROJECTION, false).parse(record);
        assertThat(reference.isValid()).as("Jackson's verdict on %s", json).isEqualTo(valid);
        SoftAssertions softly = new SoftAssertions();
        assertSame(softly, json, reference, parser.parse(record));
        softly.assertAll();
    }

    private static void assertSame(SoftAssertions softly, String json, ParseResult reference, ParseResult result) {
        softly.assertThat(result.isValid()).as("verdict of %s", json).isEqualTo(reference.isValid());
        if (reference.isValid() && result.isValid()) {
            softly.assertThat(ProjectionPropertyTest.lists(result.event().fields()))
                    .as("fields of %s", json)
                    .isEqualTo(ProjectionPropertyTest.lists(reference.event().fields()));
            softly.assertThat(result.event().getTimestampMillis())
                    .as("timestamp of %s", json)
                    .isEqualTo(reference.event().getTimestampMillis());
            softly.assertThat(result.event().getHostId())
                    .as("host of %s", json)
                    .isEqualTo(reference.event().getHostId());
        } else if (!reference.isValid() && !result.isValid()) {
            softly.assertThat(result.deadLetter().getReason())
                    .as("reason for %s", json)
                    .isEqualTo(reference.deadLetter().getReason());
        }
    }

    /** One byte deleted, replaced or inserted, mostly one JSON gives meaning to. */
    private static byte[] mutate(byte[] bytes, Random random) {
        int at = random.nextInt(bytes.length);
        byte with = MUTATIONS[random.nextInt(MUTATIONS.length)];
        switch (random.nextInt(3)) {
            case 0:
                byte[] shorter = new byte[bytes.length - 1];
                System.arraycopy(bytes, 0, shorter, 0, at);
                System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                return shorter;
            case 1:
                byte[] replaced = bytes.clone();
                replaced[at] = with;
                return replaced;
            default:
                byte[] longer = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, longer, 0, at);
                longer[at] = with;
                System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                return longer;
        }
    }
}
