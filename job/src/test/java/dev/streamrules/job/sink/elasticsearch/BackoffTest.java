package dev.streamrules.job.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromTheInitialDelayUpToTheCapWithJitterInTheUpperHalf() {
        assertThat(Backoff.delayMillis(1, 100, 30_000, 0.0)).isEqualTo(50);
        assertThat(Backoff.delayMillis(1, 100, 30_000, 0.9999999)).isEqualTo(100);
        assertThat(Backoff.delayMillis(2, 100, 30_000, 0.9999999)).isEqualTo(200);
        assertThat(Backoff.delayMillis(5, 100, 30_000, 0.9999999)).isEqualTo(1600);
        assertThat(Backoff.delayMillis(10, 100, 30_000, 0.9999999)).isEqualTo(30_000);
        assertThat(Backoff.delayMillis(10, 100, 30_000, 0.0)).isEqualTo(15_000);
        assertThat(Backoff.delayMillis(Integer.MAX_VALUE, 100, 30_000, 0.5)).isBetween(15_000L, 30_000L);
    }

    @Test
    void successResetsTheStreak() {
        Backoff backoff = new Backoff(100, 1000);
        for (int i = 0; i < 20; i++) {
            assertThat(backoff.onFailure()).isBetween(1L, 1000L);
        }
        assertThat(backoff.consecutiveFailures()).isEqualTo(20);
        backoff.onSuccess();
        assertThat(backoff.consecutiveFailures()).isZero();
        assertThat(backoff.onFailure()).isBetween(50L, 100L);
    }
}
