package dev.streamrules.udfs.tree;

/** Receives the tree's size changes; the Flink operator turns them into metrics. */
public interface TreeMetrics {

    /** Why nodes leave the tree. */
    enum EvictionReason {
        /** The process ended and its linger time passed. */
        ENDED,
        /** Neither it nor a descendant active for the idle TTL. */
        IDLE,
        /** The host's tree exceeded its cap. */
        OVER_CAP
    }

    void added(int count);

    void evicted(EvictionReason reason, int count);

    /** Ignores everything. */
    TreeMetrics NONE = new TreeMetrics() {
        @Override
        public void added(int count) {}

        @Override
        public void evicted(EvictionReason reason, int count) {}
    };
}
