package dev.streamrules.job.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streamrules.job.e2e.servers.ElasticsearchNode;
import dev.streamrules.job.e2e.servers.FlinkSessionCluster;
import dev.streamrules.job.e2e.servers.KafkaBroker;
import dev.streamrules.job.sink.AttackEvents;
import dev.streamrules.udfs.rule.ProcMapsDiscoveryRule;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10, item 6: what README's Metrics section lists is what the running cluster's Prometheus
 * reporter exports (the names below are the exported ones, README's table uses the same), and no metric
 * of the job collides with another.
 */
class MetricsEndToEndITCase {

    private static final String OPERATOR = "flink_taskmanager_job_task_operator_";

    /** Flink's Prometheus reporter writes label values with '_' for characters such as '-'. */
    private static final String SEED_RULE_LABEL = ProcMapsDiscoveryRule.RULE_ID.replace('-', '_');

    /** README, Metrics: every metric of the job's operators, as the TaskManager exports it. */
    private static final List<String> TASK_MANAGER_METRICS = List.of(
            // events in
            "records_read",
            "records_valid",
            "records_dead_lettered",
            "events_without_host",
            "numRecordsIn",
            "numRecordsOut",
            "pendingRecords",
            // dead letters by reason, old and late events
            "user_reason_deadLetters",
            "events_too_old",
            "sequences_lateEvents",
            "sequences_matches",
            // alerts per rule, alerts shrunk
            "rule_id_alerts",
            "user_rule_id_alerts",
            "user_alertsTruncated",
            "user_alertsCompacted",
            "user_alertsTooLarge",
            "alertsTruncated",
            "alertsCompacted",
            "alertsTooLarge",
            "user_deadLettersTruncated",
            // process tree
            "processTree_trackedProcesses",
            "processTree_waitingEvents",
            "processTree_evictions",
            "processTree_evictions_ENDED",
            "processTree_evictions_IDLE",
            "processTree_evictions_OVER_CAP",
            "processTree_resolvedFromEvent",
            "processTree_resolvedFromState",
            "processTree_unresolved",
            "processTree_waitOverflows",
            // Elasticsearch
            "alertsWritten",
            "alertsAlreadyPresent",
            "alertsRejected",
            "alertsRetried",
            "bulkRequestsFailed",
            "bulkItemsThrottled",
            "bulkLatencyMs",
            "bulkLatencyMs_count",
            // Kafka transactions
            "successfulCommittables",
            "failedCommittables",
            "retriedCommittables",
            "alreadyCommittedCommittables",
            "pendingCommittables",
            "totalCommittables");

    /** README, Metrics: the job's health on the JobManager. */
    private static final List<String> JOB_MANAGER_METRICS = List.of(
            "flink_jobmanager_job_lastCheckpointDuration",
            "flink_jobmanager_job_numberOfFailedCheckpoints",
            "flink_jobmanager_job_numberOfCompletedCheckpoints",
            "flink_jobmanager_job_numRestarts");

    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @RegisterExtension
    static final ElasticsearchNode ES = new ElasticsearchNode();

    @RegisterExtension
    static final FlinkSessionCluster FLINK = new FlinkSessionCluster().withPrometheus();

    @Test
    void theRunningClusterExportsEveryMetricReadmeListsWithoutNameCollisions() throws Exception {
        // The seed rule and a sequence rule, so that the sequence operator's metrics exist too.
        StreamJobRun run = new StreamJobRun(KAFKA, ES, FLINK)
                .createTopics(2, true)
                .withArgs(
                        "--rules", ruleFile("../udfs/src/main/resources/streamrules/rules/proc_maps_discovery.toml"),
                        "--rules", ruleFile("src/test/resources/check-rules/good/exec_then_uid_change_sequence.toml"),
                        "--max-event-age", "P3650D");
        String job = run.submit("rocksdb");
        try {
            run.awaitCheckpoint(job, 1); // running: deployment can take minutes on a loaded machine
            List<String> malformed = List.of("not json", "", "[1,2]");
            run.sendRaw(malformed);
            run.sendRaw(
                    List.of(AttackEvents.ofSize("host-m", "evt-metrics", 1500), "{\"event\":{\"id\":\"no-host\"}}"));
            run.assertDeliveredExactlyOnce(List.of("evt-metrics"));
            awaitDeadLetters(run, malformed.size());

            PrometheusScrape taskManager = PrometheusScrape.of(FLINK.taskManagerMetricsUrl());
            assertThat(taskManager.names())
                    .containsAll(
                            TASK_MANAGER_METRICS.stream().map(m -> OPERATOR + m).toList());
            for (String reason : List.of("invalid_json", "empty", "not_an_object")) {
                assertThat(taskManager.samples(OPERATOR + "user_reason_deadLetters", "reason=\"" + reason + "\""))
                        .as("dead letters with reason %s", reason)
                        .hasSize(1);
            }
            // The CEP operator counts per rule on every subtask, the Kafka writer where an alert passed.
            for (String perRule : List.of("rule_id_alerts", "user_rule_id_alerts")) {
                assertThat(taskManager.sum(OPERATOR + perRule, "rule_id=\"" + SEED_RULE_LABEL + "\""))
                        .as(
                                "%s of the seed rule; every sample: %s",
                                perRule, taskManager.samples(OPERATOR + perRule, ""))
                        .isEqualTo(1.0);
            }
            assertThat(PrometheusScrape.of(FLINK.jobManagerMetricsUrl()).names())
                    .containsAll(JOB_MANAGER_METRICS);
            assertThat(MetricNameCollisions.count(FLINK.logDir()))
                    .as("name collisions of the job's own metrics")
                    .isZero();
        } finally {
            FLINK.rest().cancel(job);
        }
    }

    private static String ruleFile(String relative) {
        return Path.of(relative).toAbsolutePath().normalize().toString();
    }

    private static void awaitDeadLetters(StreamJobRun run, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (run.readCommitted(run.deadLetters).size() < n) {
            assertThat(System.nanoTime()).as("%d dead letters committed", n).isLessThan(deadline);
            Thread.sleep(500);
        }
    }
}
