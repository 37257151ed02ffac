package dev.streamrules.tools.sim;

/** The three process events Elastic Defend emits on Linux. */
enum ProcessAction {
    FORK("fork", "start"),
    EXEC("exec", "start"),
    END("end", "end");

    final String action;
    final String type;

    ProcessAction(String action, String type) {
        this.action = action;
        this.type = type;
    }
}
