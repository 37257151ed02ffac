package dev.streamrules.udfs.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

class ProcessTreeSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        ProcessTreeSettings s = ProcessTreeSettings.defaults();
        assertThat(s.parentWaitMillis()).isEqualTo(2_000);
        assertThat(s.maxWaitingPerHost()).isEqualTo(1_000);
        assertThat(s.endedLingerMillis()).isEqualTo(300_000);
        assertThat(s.idleTtlMillis()).isEqualTo(86_400_000);
        assertThat(s.maxProcessesPerHost()).isEqualTo(10_000);
        assertThat(s.maxAncestryDepth()).isEqualTo(64);
        assertThat(s.ancestryInOutput()).isEqualTo(10);
        assertThat(s.maxArgs()).isEqualTo(8);
        assertThat(s.maxArgsChars()).isEqualTo(256);
        assertThat(s.touchGranularityMillis()).isEqualTo(60_000);
    }

    @Test
    void toBuilderAndJavaSerializationKeepEverything() throws Exception {
        ProcessTreeSettings s = ProcessTreeSettings.builder()
                .parentWait(Duration.ofMillis(1500))
                .maxWaitingPerHost(7)
                .endedLinger(Duration.ofSeconds(3))
                .idleTtl(Duration.ofMinutes(9))
                .maxProcessesPerHost(11)
                .sweepInterval(Duration.ofSeconds(2))
                .maxAncestryDepth(12)
                .ancestryInOutput(4)
                .maxArgs(3)
                .maxArgsChars(40)
                .build();
        assertThat(s.toBuilder().build()).isEqualTo(s);
        assertThat(InstantiationUtil.clone(s)).isEqualTo(s);
        assertThat(s).isNotEqualTo(ProcessTreeSettings.defaults());
    }

    @Test
    void rejectsNonPositiveDurations() {
        assertThatThrownBy(() ->
                        ProcessTreeSettings.builder().parentWait(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parentWait must be at least 1 ms, was PT0S");
        assertThatThrownBy(() -> ProcessTreeSettings.builder()
                        .idleTtl(Duration.ofSeconds(-1))
                        .build())
                .hasMessage("idleTtl must be at least 1 ms, was PT-1S");
        assertThatThrownBy(() -> ProcessTreeSettings.builder().endedLinger(null).build())
                .hasMessage("endedLinger must be set, was null");
        assertThatThrownBy(() -> ProcessTreeSettings.builder()
                        .sweepInterval(Duration.ofNanos(10))
                        .build())
                .hasMessageStartingWith("sweepInterval must be at least 1 ms");
    }

    @Test
    void rejectsNonPositiveCaps() {
        assertThatThrownBy(() ->
                        ProcessTreeSettings.builder().maxProcessesPerHost(0).build())
                .hasMessage("maxProcessesPerHost must be at least 1, was 0");
        assertThatThrownBy(() ->
                        ProcessTreeSettings.builder().maxWaitingPerHost(-5).build())
                .hasMessage("maxWaitingPerHost must be at least 1, was -5");
        assertThatThrownBy(() -> ProcessTreeSettings.builder().maxArgs(0).build())
                .hasMessage("maxArgs must be at least 1, was 0");
        assertThatThrownBy(() -> ProcessTreeSettings.builder().maxArgsChars(0).build())
                .hasMessage("maxArgsChars must be at least 1, was 0");
        assertThatThrownBy(
                        () -> ProcessTreeSettings.builder().maxAncestryDepth(0).build())
                .hasMessage("maxAncestryDepth must be at least 1, was 0");
        assertThatThrownBy(
                        () -> ProcessTreeSettings.builder().ancestryInOutput(65).build())
                .hasMessage("ancestryInOutput must be between 0 and maxAncestryDepth (64), was 65");
    }
}
