package dev.streamrules.job.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streamrules.job.config.JobConfig;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;

/**
 * A sink that fails for a reason that does not go away (here: every writer refuses at once) fails the
 * job after the restart budget, with the reason in the job's failure, instead of restarting forever.
 */
class RestartBudgetITCase {

    private static final AtomicInteger OPENED = new AtomicInteger();

    /** Stands for a sink whose server refuses the job for good (revoked credentials, deleted topic). */
    private static final class RefusingSink implements Sink<Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public SinkWriter<Long> createWriter(WriterInitContext context) throws IOException {
            OPENED.incrementAndGet();
            throw new IOException("the alerts sink is refused: authentication failed");
        }
    }

    @Test
    void aSinkThatNeverRecoversFailsTheJobAfterTheBudgetWithItsReason() {
        JobConfig config =
                JobConfig.fromArgs("--mode", "stream", "--restart.attempts", "3", "--restart.max-backoff", "200ms");
        Configuration conf = new Configuration();
        RestartBudget.applyTo(conf, config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.fromSequence(1, 10).sinkTo(new RefusingSink()).name("Alerts");
        OPENED.set(0);

        assertThatThrownBy(() -> env.execute("restart budget"))
                .satisfies(e -> assertThat(ExceptionUtils.stringifyException(e))
                        .as("the reason is in the job's failure")
                        .contains("authentication failed"));
        assertThat(OPENED.get()).as("first attempt plus the budget of restarts").isEqualTo(1 + 3);
    }
}
