package dev.streamrules.tools.sim;

/** The process events Elastic Defend emits on Linux that the simulator writes. */
enum ProcessAction {
    FORK("fork", "start"),
    EXEC("exec", "start"),
    END("end", "end"),
    /** setuid(2) and friends: Defend reports the new user in {@code user.*}, with {@code event.type} change. */
    UID_CHANGE("uid_change", "change");

    final String action;
    final String type;

    ProcessAction(String action, String type) {
        this.action = action;
        this.type = type;
    }
}
