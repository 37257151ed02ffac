package dev.streamrules.udfs.tree;

import java.util.List;

/**
 * What the tree says about one event: its entry leader and where it came from, its known ancestry
 * (parent first), and, when the leader is unknown, why, and which ancestor's own event could still
 * complete the picture.
 */
public final class Resolution {

    /** Where the entry leader came from. */
    public enum Source {
        /** The event's own {@code process.entry_leader} fields. */
        EVENT("event"),
        /** Recorded in the tree for the process or one of its ancestors. */
        STATE("state"),
        /** Not known. */
        NONE("none");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        /** The value written to {@code process_tree.entry_leader.source}. */
        public String label() {
            return label;
        }
    }

    private final Source source;
    private final Leader leader;
    private final Leader sessionLeader;
    private final List<Ancestor> walked;
    private Listing rest;
    private List<Ancestor> ancestry;
    private final String awaitedId;
    private final String unresolvedReason;
    final List<Ancestor> path;
    final int leaderIndex;

    Resolution(
            Source source,
            Leader leader,
            Leader sessionLeader,
            List<Ancestor> walked,
            Listing rest,
            String awaitedId,
            String unresolvedReason,
            List<Ancestor> path,
            int leaderIndex) {
        this.source = source;
        this.leader = leader;
        this.sessionLeader = sessionLeader;
        this.walked = List.copyOf(walked);
        this.rest = rest;
        this.awaitedId = awaitedId;
        this.unresolvedReason = unresolvedReason;
        this.path = path;
        this.leaderIndex = leaderIndex;
    }

    public Source source() {
        return source;
    }

    public boolean resolved() {
        return source != Source.NONE;
    }

    /** The entry leader, or {@code null} when unknown. */
    public Leader leader() {
        return leader;
    }

    /** The session leader when the event or the tree knows it, else {@code null}. */
    public Leader sessionLeader() {
        return sessionLeader;
    }

    /** Lists the ancestors past those the resolution walked; see {@link EntryLeaderResolver}. */
    @FunctionalInterface
    interface Listing {
        List<Ancestor> ancestry();
    }

    /**
     * The parent as the tree knows it, or {@code null}; nothing is read for it (unlike
     * {@link #ancestry()}).
     */
    public Ancestor parent() {
        return walked.isEmpty() ? null : walked.get(0);
    }

    /**
     * Known ancestors, parent first, at most {@link ProcessTreeSettings#ancestryInOutput()}. The
     * first call may read the tree's nodes past the leader, so it belongs in the handling of the
     * event the resolution is for, before the host's next event changes them.
     */
    public List<Ancestor> ancestry() {
        if (ancestry == null) {
            ancestry = rest == null ? walked : List.copyOf(rest.ancestry());
            rest = null;
        }
        return ancestry;
    }

    /**
     * When unresolved because the chain stops at a process known only from other events (its own
     * event may still arrive): that process's entity id. Waiting for it may help; otherwise null.
     */
    public String awaitedId() {
        return awaitedId;
    }

    /** Why the entry leader is unknown; {@code null} when resolved. */
    public String unresolvedReason() {
        return unresolvedReason;
    }

    @Override
    public String toString() {
        return "Resolution{" + source + (leader != null ? ", leader=" + leader : "")
                + (awaitedId != null ? ", awaiting=" + awaitedId : "")
                + (unresolvedReason != null ? ", reason=" + unresolvedReason : "")
                + ", walked=" + walked.size() + "}";
    }
}
