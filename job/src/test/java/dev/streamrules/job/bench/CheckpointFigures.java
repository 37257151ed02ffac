package dev.streamrules.job.bench;

import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.checkpoint.SubtaskStateStats;
import org.apache.flink.runtime.checkpoint.TaskStateStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;

/**
 * One triggered checkpoint as Flink's checkpoint statistics report it (what the web UI and
 * {@code /jobs/:id/checkpoints} show): full state size, bytes this checkpoint wrote (incremental),
 * end-to-end duration, and the same for the vertex of one operator.
 */
record CheckpointFigures(
        String path,
        long stateBytes,
        long checkpointedBytes,
        long durationMillis,
        long treeStateBytes,
        long treeCheckpointedBytes,
        long treeSyncMillis,
        long treeAsyncMillis) {

    /** Triggers a checkpoint, waits for it and for its statistics; {@code operator} names the vertex to detail. */
    static CheckpointFigures take(MiniCluster cluster, JobID job, String operator) throws Exception {
        String path = cluster.triggerCheckpoint(job).get();
        long id = Long.parseLong(path.substring(path.lastIndexOf("chk-") + 4).replaceAll("\\D.*", ""));
        while (true) {
            AccessExecutionGraph graph = cluster.getExecutionGraph(job).get();
            AbstractCheckpointStats stats =
                    graph.getCheckpointStatsSnapshot().getHistory().getCheckpointById(id);
            if (stats != null && stats.getStatus() == CheckpointStatsStatus.COMPLETED) {
                return of(path, graph, stats, operator);
            }
            Thread.sleep(50);
        }
    }

    private static CheckpointFigures of(
            String path, AccessExecutionGraph graph, AbstractCheckpointStats stats, String operator) {
        long treeState = 0;
        long treeCheckpointed = 0;
        long sync = 0;
        long async = 0;
        for (AccessExecutionJobVertex vertex : graph.getVerticesTopologically()) {
            if (!vertex.getName().contains(operator)) {
                continue;
            }
            TaskStateStats task = stats.getTaskStateStats(vertex.getJobVertexId());
            treeState += task.getStateSize();
            treeCheckpointed += task.getCheckpointedSize();
            for (SubtaskStateStats s : task.getSubtaskStats()) {
                if (s != null) {
                    sync = Math.max(sync, s.getSyncCheckpointDuration());
                    async = Math.max(async, s.getAsyncCheckpointDuration());
                }
            }
        }
        return new CheckpointFigures(
                path,
                stats.getStateSize(),
                stats.getCheckpointedSize(),
                stats.getEndToEndDuration(),
                treeState,
                treeCheckpointed,
                sync,
                async);
    }

    void print(String title, long processes) {
        System.out.printf(
                "%s: %d ms end to end; state %s, written by this checkpoint %s;"
                        + " process tree: state %s (%.0f bytes per process), written %s, sync %d ms, async max %d ms%n",
                title,
                durationMillis,
                mib(stateBytes),
                mib(checkpointedBytes),
                mib(treeStateBytes),
                (double) treeStateBytes / processes,
                mib(treeCheckpointedBytes),
                treeSyncMillis,
                treeAsyncMillis);
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }
}
