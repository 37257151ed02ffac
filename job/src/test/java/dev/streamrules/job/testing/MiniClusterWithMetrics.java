package dev.streamrules.job.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.job.JobEnvironment;
import dev.streamrules.udfs.alert.Alert;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The MiniCluster of the job's integration tests: one TaskManager with {@link #PARALLELISM} slots and
 * an in-memory metrics reporter, so a test can read the job's counters after it ran. Register it
 * ({@code @RegisterExtension static final MiniClusterWithMetrics CLUSTER = new MiniClusterWithMetrics();});
 * it wraps Flink's {@link MiniClusterExtension} (a final class) and passes every callback on.
 */
public final class MiniClusterWithMetrics
        implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {

    public static final int PARALLELISM = 2;

    private final InMemoryReporter metrics = InMemoryReporter.createWithRetainedMetrics();
    private final MiniClusterExtension cluster = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(PARALLELISM)
            .setConfiguration(metrics.addToConfiguration(new Configuration()))
            .build());

    /** An environment at {@link #PARALLELISM} with restarts off: a failure fails the test instead of hiding in a restart. */
    public static StreamExecutionEnvironment environmentWithoutRestarts() {
        Configuration conf = JobEnvironment.baseConfiguration(PARALLELISM);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return StreamExecutionEnvironment.getExecutionEnvironment(conf);
    }

    /** Runs {@code alerts}, spread over the subtasks, into {@code sink} to the end; returns the job id. */
    public static JobID runAlerts(List<Alert> alerts, Sink<Alert> sink) throws Exception {
        StreamExecutionEnvironment env = environmentWithoutRestarts();
        env.fromData(TypeInformation.of(Alert.class), alerts.toArray(new Alert[0]))
                .uid("alerts")
                .rebalance()
                .sinkTo(sink)
                .uid("es-sink")
                .name("Elasticsearch");
        return env.execute("alerts into a sink").getJobID();
    }

    /** The sum of counter {@code name} over the job's subtasks; fails when no such counter was registered. */
    public long counter(JobID job, String name) {
        Map<String, Metric> found = metrics.findMetrics(job, name);
        assertThat(found).as("metric %s registered for job %s", name, job).isNotEmpty();
        return found.values().stream()
                .filter(Counter.class::isInstance)
                .mapToLong(m -> ((Counter) m).getCount())
                .sum();
    }

    /** Whether the job has registered metric {@code name} yet (its operators open after it starts). */
    public boolean registered(JobID job, String name) {
        return !metrics.findMetrics(job, name).isEmpty();
    }

    /** The value of the job's numeric gauge {@code name} (e.g. {@code numRestarts}); fails when there is none. */
    public long gauge(JobID job, String name) {
        Map<String, Metric> found = metrics.findMetrics(job, name);
        assertThat(found).as("metric %s registered for job %s", name, job).isNotEmpty();
        return found.values().stream()
                .filter(Gauge.class::isInstance)
                .mapToLong(m -> ((Number) ((Gauge<?>) m).getValue()).longValue())
                .sum();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        cluster.beforeAll(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        cluster.beforeEach(context);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        cluster.afterEach(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        cluster.afterAll(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context)
            throws ParameterResolutionException {
        return cluster.supportsParameter(parameter, context);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
            throws ParameterResolutionException {
        return cluster.resolveParameter(parameter, context);
    }
}
