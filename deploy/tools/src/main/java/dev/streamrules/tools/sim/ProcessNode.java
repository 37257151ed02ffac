package dev.streamrules.tools.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One simulated process: its identity (fixed at fork) and its mutable state (image, user and leaders
 * change at exec). Events are rendered from a node the moment they happen, so a node only ever needs
 * its current state.
 */
final class ProcessNode {

    final String entityId;
    final int pid;
    final long startNanos;
    final ProcessNode parent;

    ProcessImage image;
    UserAccount user;
    String workingDirectory;
    boolean interactive;
    Tty tty;
    ProcessNode entryLeader;
    ProcessNode sessionLeader;
    ProcessNode groupLeader;
    /** Only on entry leaders: how the session was entered (init, sshd, terminal, console, kubelet...). */
    String entryMetaType;
    /**
     * Set on processes that are, or are about to become, their own entry leader. Sensors always send
     * full leader fields for these, so the strip option keeps them: they are what a process-tree
     * state must learn the leaders from.
     */
    boolean leadsItsSession;

    private ProcessNode(String entityId, int pid, long startNanos, ProcessNode parent) {
        this.entityId = entityId;
        this.pid = pid;
        this.startNanos = startNanos;
        this.parent = parent;
    }

    /** pid 1: no parent, its own leader of every kind. */
    static ProcessNode init(String agentId, long startNanos, ProcessImage image, UserAccount root) {
        ProcessNode node = new ProcessNode(entityIdOf(agentId, 1, startNanos), 1, startNanos, null);
        node.image = image;
        node.user = root;
        node.workingDirectory = "/";
        node.leadsItsSession = true;
        node.becomeEntryLeader("init", false, null);
        return node;
    }

    /** The child of a fork is a copy of its parent, leaders and all, until it execs or calls setsid. */
    ProcessNode fork(String agentId, int childPid, long nowNanos) {
        ProcessNode child = new ProcessNode(entityIdOf(agentId, childPid, nowNanos), childPid, nowNanos, this);
        child.image = image;
        child.user = user;
        child.workingDirectory = workingDirectory;
        child.interactive = interactive;
        child.tty = tty;
        child.entryLeader = entryLeader;
        child.sessionLeader = sessionLeader;
        child.groupLeader = groupLeader;
        return child;
    }

    void becomeEntryLeader(String type, boolean isInteractive, Tty terminal) {
        entryLeader = this;
        sessionLeader = this;
        groupLeader = this;
        entryMetaType = type;
        interactive = isInteractive;
        tty = terminal;
    }

    boolean isEntryLeader() {
        return entryLeader == this;
    }

    /** Ancestors' entity ids, parent first, as in {@code process.Ext.ancestry}. */
    List<String> ancestry() {
        List<String> ids = new ArrayList<>();
        for (ProcessNode p = parent; p != null; p = p.parent) {
            ids.add(p.entityId);
        }
        return ids;
    }

    /**
     * Shaped like Elastic Defend's ids: base64 of agent id, pid and start time, so it is unique per
     * host and stable across the fork, exec and end of one process.
     */
    static String entityIdOf(String agentId, int pid, long startNanos) {
        String raw = agentId + "-" + pid + "-" + startNanos;
        return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }
}
