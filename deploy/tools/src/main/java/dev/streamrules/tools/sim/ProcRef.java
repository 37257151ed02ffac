package dev.streamrules.tools.sim;

/**
 * A process in a script that is planned before it exists: scripts are written up front and the
 * node appears when the fork step runs.
 */
final class ProcRef {

    private ProcessNode node;

    ProcessNode node() {
        if (node == null) {
            throw new IllegalStateException("process used before the step that forks it ran");
        }
        return node;
    }

    boolean exists() {
        return node != null;
    }

    void bind(ProcessNode forked) {
        node = forked;
    }
}
