package dev.streamrules.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOnOneToHundred() {
        List<Long> values = new ArrayList<>();
        for (long v = 1; v <= 100; v++) {
            values.add(v);
        }
        Collections.shuffle(values, new java.util.Random(3));
        Percentiles p = Percentiles.of(values);
        assertThat(p.percentile(50)).isEqualTo(50);
        assertThat(p.percentile(90)).isEqualTo(90);
        assertThat(p.percentile(99)).isEqualTo(99);
        assertThat(p.max()).isEqualTo(100);
        assertThat(p.percentile(0.1)).isEqualTo(1);
        assertThat(p.line()).isEqualTo("latency ms: p50=50 p90=90 p99=99 max=100 (n=100)");
    }

    @Test
    void smallSamplesPickAMeasuredValueNeverAnInterpolation() {
        Percentiles p = Percentiles.of(300, 100, 200, 400);
        assertThat(p.percentile(50)).isEqualTo(200); // rank ceil(2.0) = 2
        assertThat(p.percentile(51)).isEqualTo(300); // rank ceil(2.04) = 3
        assertThat(p.percentile(99)).isEqualTo(400);
        assertThat(Percentiles.of(7).line()).isEqualTo("latency ms: p50=7 p90=7 p99=7 max=7 (n=1)");
    }

    @Test
    void p99OfAThousandIgnoresTheTenWorst() {
        long[] values = new long[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i < 990 ? 100 : 10_000 + i;
        }
        Percentiles p = Percentiles.of(values);
        assertThat(p.percentile(99)).isEqualTo(100);
        assertThat(p.percentile(99.9)).isEqualTo(10_998);
        assertThat(p.max()).isEqualTo(10_999);
    }

    @Test
    void duplicatesAndNegativeClockSkewAreKept() {
        assertThat(Percentiles.of(-3, 5, 5, 5).line()).isEqualTo("latency ms: p50=5 p90=5 p99=5 max=5 (n=4)");
        assertThat(Percentiles.of(-3, 5, 5, 5).percentile(25)).isEqualTo(-3);
    }

    @Test
    void linesTakeTheirLabel() {
        assertThat(Percentiles.of(1, 2).line("steady")).isEqualTo("steady: p50=1 p90=2 p99=2 max=2 (n=2)");
        assertThat(Percentiles.of().line("steady")).isEqualTo("steady: none (n=0)");
    }

    @Test
    void noValues() {
        assertThat(Percentiles.of(List.of()).line()).isEqualTo("latency ms: none (n=0)");
        assertThatThrownBy(() -> Percentiles.of().percentile(50)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsPercentilesOutsideZeroToHundred() {
        assertThatThrownBy(() -> Percentiles.of(1).percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.of(1).percentile(100.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void doesNotSortTheCallersArray() {
        long[] values = {3, 1, 2};
        Percentiles.of(values);
        assertThat(values).containsExactly(3, 1, 2);
    }
}
