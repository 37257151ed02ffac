package dev.streamrules.job.config;

import dev.streamrules.job.config.JobOptions.Mode;
import dev.streamrules.job.sink.elasticsearch.HostsAndIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.flink.configuration.ConfigOption;

/**
 * Every check of the job's configuration that needs no server, in one place: each problem is one
 * line naming the option and what to do. Values that do not read as their type are reported by the
 * command line already and skipped here. Server checks are the {@code Preflight}'s.
 */
final class JobConfigValidator {

    private final JobConfig config;
    private final List<String> problems = new ArrayList<>();

    JobConfigValidator(JobConfig config) {
        this.config = config;
    }

    List<String> problems() {
        Integer parallelism = config.getOrNull(JobOptions.PARALLELISM);
        if (parallelism != null && parallelism < 1) {
            problems.add("--parallelism must be at least 1, was " + parallelism);
        }
        positive(JobOptions.MAX_EVENT_AGE);
        if (Boolean.TRUE.equals(config.getOrNull(ProcessTreeOptions.ENABLED))) {
            try {
                config.processTree();
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
            }
        }
        for (Path rules : config.rulePaths()) {
            if (!Files.exists(rules)) {
                problems.add("--rules " + rules + ": no such file or folder");
            }
        }
        String mapping = config.getOrNull(RuleOptions.MAPPING);
        if (mapping != null && !Files.isReadable(Path.of(mapping))) {
            problems.add("--mapping " + mapping + ": no such readable file");
        }
        // --help and --check-rules run nothing, so they need no input, Kafka or Elasticsearch settings.
        boolean runsNothing = Boolean.TRUE.equals(config.getOrNull(JobOptions.HELP))
                || Boolean.TRUE.equals(config.getOrNull(RuleOptions.CHECK_RULES));
        if (!runsNothing && config.mode() == Mode.REPLAY) {
            replay();
        } else if (!runsNothing) {
            kafka();
            elasticsearch();
            for (ConfigOption<Duration> o : List.of(
                    KafkaOptions.TRANSACTION_TIMEOUT, KafkaOptions.WATERMARK_IDLENESS, CheckpointOptions.INTERVAL)) {
                positive(o);
            }
        }
        return problems;
    }

    private void replay() {
        String input = config.getOrNull(ReplayOptions.INPUT);
        if (input == null) {
            problems.add("--input is required (the NDJSON file to replay)");
        } else if (!Files.isReadable(Path.of(input))) {
            problems.add("--input " + input + ": no such readable file");
        }
    }

    private void kafka() {
        String bootstrap = config.getOrNull(KafkaOptions.BOOTSTRAP_SERVERS);
        if (bootstrap == null || bootstrap.isBlank()) {
            problems.add("--kafka.bootstrap-servers is required in stream mode");
        }
        boolean hasPattern = config.isSet(KafkaOptions.TOPIC_PATTERN);
        if (hasPattern && config.isSet(KafkaOptions.TOPICS)) {
            problems.add("give either --kafka.topics or --kafka.topic-pattern, not both");
        }
        if (hasPattern) {
            try {
                Pattern.compile(config.get(KafkaOptions.TOPIC_PATTERN));
            } catch (PatternSyntaxException e) {
                problems.add("--kafka.topic-pattern is not a valid regular expression: " + e.getDescription());
            }
        } else if (config.list(KafkaOptions.TOPICS).isEmpty()) {
            problems.add("--kafka.topics must name at least one topic");
        }
        for (ConfigOption<String> o :
                List.of(KafkaOptions.GROUP_ID, KafkaOptions.DEAD_LETTER_TOPIC, KafkaOptions.TRANSACTIONAL_ID_PREFIX)) {
            String v = config.getOrNull(o);
            if (v == null || v.isBlank()) {
                problems.add("--" + o.key() + " must not be empty");
            }
        }
        Duration timeout = config.getOrNull(KafkaOptions.TRANSACTION_TIMEOUT);
        Duration interval = config.getOrNull(CheckpointOptions.INTERVAL);
        if (timeout != null && interval != null && timeout.compareTo(interval.multipliedBy(3)) < 0) {
            problems.add("--kafka.transaction-timeout (" + timeout + ") must be well above --checkpoint.interval ("
                    + interval + "): at least 3 times, or transactions abort before they commit");
        }
    }

    private void elasticsearch() {
        positive(ElasticsearchOptions.MAX_TIME_IN_BUFFER);
        Integer batch = config.getOrNull(ElasticsearchOptions.MAX_BATCH_SIZE);
        if (batch != null && batch < 1) {
            problems.add("--es.max-batch-size must be at least 1");
        }
        List<String> hosts = config.list(ElasticsearchOptions.HOSTS);
        if (!hosts.isEmpty()) {
            List<String> found = new ArrayList<>();
            HostsAndIndex.normalizeHosts(hosts, found);
            found.forEach(p -> problems.add("--es.hosts: " + p));
            found.clear();
            HostsAndIndex.checkIndex(config.getOrNull(ElasticsearchOptions.INDEX), found);
            found.forEach(p -> problems.add("--es.index: " + p));
        }
        if (config.isSet(ElasticsearchOptions.API_KEY_ENV) && config.isSet(ElasticsearchOptions.API_KEY_FILE)) {
            problems.add("give either --es.api-key-env or --es.api-key-file, not both");
        }
        boolean password =
                config.isSet(ElasticsearchOptions.PASSWORD_ENV) || config.isSet(ElasticsearchOptions.PASSWORD_FILE);
        if (password != config.isSet(ElasticsearchOptions.USERNAME)) {
            problems.add("--es.username needs a password (--es.password-env or --es.password-file) and vice versa");
        }
        String ca = config.getOrNull(ElasticsearchOptions.CA_FILE);
        if (ca != null && !Files.isReadable(Path.of(ca))) {
            problems.add("--es.ca-file " + ca + ": no such readable file");
        }
    }

    private void positive(ConfigOption<Duration> option) {
        Duration d = config.getOrNull(option);
        if (d != null && (d.isNegative() || d.isZero())) {
            problems.add("--" + option.key() + " must be positive, was " + d);
        }
    }
}
