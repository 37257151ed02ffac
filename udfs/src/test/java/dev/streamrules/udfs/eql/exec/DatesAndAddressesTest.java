package dev.streamrules.udfs.eql.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Date text and IP addresses read the way Elasticsearch's date and ip fields read them. */
class DatesAndAddressesTest {

    @ParameterizedTest(name = "{0} round up {1}")
    @CsvSource(
            nullValues = "none",
            value = {
                "2024-05-01T12:00:00.123Z, false, 2024-05-01T12:00:00.123Z",
                "2024-05-01, false, 2024-05-01T00:00:00Z",
                "2024-05-01, true, 2024-05-01T23:59:59.999999999Z",
                "2024-02, true, 2024-02-29T23:59:59.999999999Z",
                "2024, true, 2024-12-31T23:59:59.999999999Z",
                "2024, false, 2024-01-01T00:00:00Z",
                "2024-05-01T12:00, true, 2024-05-01T12:00:59.999999999Z",
                "2024-05-01T12:00:00+02:00, false, 2024-05-01T10:00:00Z",
                "2024-05-01T12:00:00.5-0130, false, 2024-05-01T13:30:00.5Z",
                "1714564800000, false, 2024-05-01T12:00:00Z",
                "2024-13-01, false, none",
                "yesterday, false, none",
                "2024-05-01 12:00, false, none"
            })
    void datesReadLikeStrictDateOptionalTimeOrEpochMillis(String text, boolean roundUp, String expected) {
        Long nanos = Dates.parse(text, roundUp);
        if (expected == null) {
            assertThat(nanos).isNull();
        } else {
            Instant at = Instant.parse(expected);
            assertThat(nanos).isEqualTo(at.getEpochSecond() * 1_000_000_000L + at.getNano());
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            nullValues = "none",
            value = {
                "10.1.2.3, 10.1.2.3",
                "::ffff:10.1.2.3, 10.1.2.3",
                "fd00:0:0:0:0:0:0:1, fd00::1",
                "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
                "::, ::",
                "::1, ::1",
                "example.com, none",
                "10.1.2, none",
                "10.1.2.3.4, none",
                "fd00::1%eth0, none"
            })
    void addressesParseAndFormatLikeIpDocValues(String text, String formatted) {
        byte[] address = IpAddresses.parse(text);
        if (formatted == null) {
            assertThat(address).isNull();
        } else {
            assertThat(IpAddresses.format(address)).isEqualTo(formatted);
        }
    }

    @ParameterizedTest(name = "{1} in {0}: {2}")
    @CsvSource(
            nullValues = "none",
            value = {
                "10.0.0.0/8, 10.255.1.1, true",
                "10.0.0.0/8, 11.0.0.1, false",
                "10.1.2.128/25, 10.1.2.200, true",
                "10.1.2.128/25, 10.1.2.100, false",
                "0.0.0.0/0, 8.8.8.8, true",
                "0.0.0.0/0, fd00::1, false",
                "fd00::/8, fdff::1, true",
                "fd00::/8, fe00::1, false",
                "::/0, 8.8.8.8, true",
                "10.1.2.3, 10.1.2.3, true",
                "10.1.2.3, 10.1.2.4, false"
            })
    void cidrBlocksContainAddresses(String block, String address, boolean expected) {
        assertThat(IpAddresses.Block.parse(block).contains(IpAddresses.parse(address)))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.0/33", "fd00::/129", "10.0.0.0/x", "nope/8", "10.0.0.0/-1"})
    void invalidBlocksAreRefused(String block) {
        assertThat(IpAddresses.Block.parse(block)).isNull();
    }
}
