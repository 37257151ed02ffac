package dev.streamrules.udfs.tree;

/**
 * Per-host bookkeeping beside the tree: node and waiting-event counts (map state has no size) and
 * the time of the scheduled eviction sweep. A Flink POJO; cleared when all three are zero, so a
 * host without processes leaves no state behind.
 */
public class HostState {

    private int nodes;
    private int waiting;
    private long sweepAt;

    public HostState() {}

    public int getNodes() {
        return nodes;
    }

    public void setNodes(int nodes) {
        this.nodes = nodes;
    }

    public int getWaiting() {
        return waiting;
    }

    public void setWaiting(int waiting) {
        this.waiting = waiting;
    }

    /** Processing time of the scheduled sweep timer; 0 when none. */
    public long getSweepAt() {
        return sweepAt;
    }

    public void setSweepAt(long sweepAt) {
        this.sweepAt = sweepAt;
    }

    boolean isEmpty() {
        return nodes == 0 && waiting == 0 && sweepAt == 0;
    }

    @Override
    public String toString() {
        return "HostState{nodes=" + nodes + ", waiting=" + waiting + ", sweepAt=" + sweepAt + "}";
    }
}
