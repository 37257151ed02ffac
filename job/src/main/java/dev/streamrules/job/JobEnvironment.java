package dev.streamrules.job;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Settings every run of the job shares, whatever its sources and sinks. */
public final class JobEnvironment {

    private JobEnvironment() {}

    /**
     * No Kryo fallback (every type must have a real serializer, or the job fails at build time, not in
     * a savepoint later) and no generated uids (every stateful operator names its state explicitly).
     */
    public static Configuration baseConfiguration(Integer parallelism) {
        Configuration conf = new Configuration();
        conf.set(PipelineOptions.GENERIC_TYPES, false);
        conf.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        if (parallelism != null) {
            conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        }
        return conf;
    }

    /** A bounded replay must not restart: its file sinks would write records twice. Fail loudly instead. */
    public static StreamExecutionEnvironment forReplay(Integer parallelism) {
        Configuration conf = baseConfiguration(parallelism);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return StreamExecutionEnvironment.getExecutionEnvironment(conf);
    }
}
