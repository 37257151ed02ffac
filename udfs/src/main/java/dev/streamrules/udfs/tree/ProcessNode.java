package dev.streamrules.udfs.tree;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What one host's tree remembers about one process, keyed (outside this object) by its
 * {@code process.entity_id}. Immutable: change it with {@link #toBuilder()} and store the result.
 *
 * <p>Serialized by {@link ProcessNodeSerializer} (declared through {@link TypeInfo}), never by Kryo.
 *
 * <p>The node does not hold its own entity id. Where a process is its own entry or session leader,
 * {@link #isEntryLeader()} / {@link #isSessionLeader()} say so instead of repeating the id.
 *
 * <p>Over 300 lines on purpose: an immutable value of some twenty fields with its builder; the
 * serializer depends on both staying in one place.
 */
@TypeInfo(ProcessNodeSerializer.Factory.class)
public final class ProcessNode {

    /** Marker for an absent pid. */
    public static final long NO_PID = -1L;

    /** Marker for an absent time. */
    public static final long NO_TIME = Long.MIN_VALUE;

    /** Where the entry leader recorded on a node came from; a stronger source replaces a weaker one. */
    public enum LeaderSource {
        /** No entry leader recorded. */
        NONE,
        /** Copied from an ancestor during a resolution (a cache; path compression). */
        INHERITED,
        /** Deduced from a child's inline entry leader (a child's leader is also its parent's). */
        INFERRED,
        /** Stated by the process's own event, or by an event naming this process as an entry leader. */
        DECLARED;

        boolean atLeast(LeaderSource other) {
            return compareTo(other) >= 0;
        }
    }

    private static final String[] NO_ARGS = new String[0];

    private final long pid;
    private final String parentId;
    private final String name;
    private final String executable;
    private final String[] args;
    private final boolean argsTruncated;
    private final String userName;
    private final long start;
    private final long imageTime;
    private final LeaderSource leaderSource;
    private final boolean entryLeader;
    private final String leaderId;
    private final String leaderName;
    private final String leaderType;
    private final boolean sessionLeader;
    private final String sessionLeaderId;
    private final String sessionLeaderName;
    private final long lastAccess;
    private final long endedAt;
    private final boolean ownEvent;
    private final boolean settled;
    private final boolean awaitingExec;

    private ProcessNode(Builder b) {
        this.pid = b.pid;
        this.parentId = b.parentId;
        this.name = b.name;
        this.executable = b.executable;
        this.args = b.args == null ? NO_ARGS : b.args;
        this.argsTruncated = b.argsTruncated;
        this.userName = b.userName;
        this.start = b.start;
        this.imageTime = b.imageTime;
        this.leaderSource = b.leaderSource == null ? LeaderSource.NONE : b.leaderSource;
        boolean hasLeader = this.leaderSource != LeaderSource.NONE;
        this.entryLeader = hasLeader && b.entryLeader;
        this.leaderId = hasLeader && !b.entryLeader ? b.leaderId : null;
        this.leaderName = hasLeader ? b.leaderName : null;
        this.leaderType = hasLeader ? b.leaderType : null;
        this.sessionLeader = b.sessionLeader;
        this.sessionLeaderId = b.sessionLeader ? null : b.sessionLeaderId;
        this.sessionLeaderName = b.sessionLeaderName;
        this.lastAccess = b.lastAccess;
        this.endedAt = b.endedAt;
        this.ownEvent = b.ownEvent;
        this.settled = b.settled;
        this.awaitingExec = b.awaitingExec;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.pid = pid;
        b.parentId = parentId;
        b.name = name;
        b.executable = executable;
        b.args = args;
        b.argsTruncated = argsTruncated;
        b.userName = userName;
        b.start = start;
        b.imageTime = imageTime;
        b.leaderSource = leaderSource;
        b.entryLeader = entryLeader;
        b.leaderId = leaderId;
        b.leaderName = leaderName;
        b.leaderType = leaderType;
        b.sessionLeader = sessionLeader;
        b.sessionLeaderId = sessionLeaderId;
        b.sessionLeaderName = sessionLeaderName;
        b.lastAccess = lastAccess;
        b.endedAt = endedAt;
        b.ownEvent = ownEvent;
        b.settled = settled;
        b.awaitingExec = awaitingExec;
        return b;
    }

    public long pid() {
        return pid;
    }

    public boolean hasPid() {
        return pid != NO_PID;
    }

    /** Entity id of the parent process, or {@code null}. */
    public String parentId() {
        return parentId;
    }

    public String name() {
        return name;
    }

    public String executable() {
        return executable;
    }

    /** The kept arguments (capped; see {@link #argsTruncated()}). Unmodifiable. */
    public List<String> args() {
        return Collections.unmodifiableList(Arrays.asList(args));
    }

    String[] argsArray() {
        return args;
    }

    /** True when arguments were dropped or shortened to respect the caps. */
    public boolean argsTruncated() {
        return argsTruncated;
    }

    public String userName() {
        return userName;
    }

    /** {@code process.start} in epoch millis, or {@link #NO_TIME}. */
    public long start() {
        return start;
    }

    /** Event time of the event that last set name, executable and args, or {@link #NO_TIME}. */
    public long imageTime() {
        return imageTime;
    }

    public LeaderSource leaderSource() {
        return leaderSource;
    }

    public boolean hasLeader() {
        return leaderSource != LeaderSource.NONE;
    }

    /** True when this process is itself an entry leader. */
    public boolean isEntryLeader() {
        return entryLeader;
    }

    /** Entity id of the entry leader when it is another process; {@code null} when none or self. */
    public String leaderId() {
        return leaderId;
    }

    public String leaderName() {
        return leaderName;
    }

    /** {@code entry_meta.type} of the entry leader. */
    public String leaderType() {
        return leaderType;
    }

    /** True when this process is its own session leader. */
    public boolean isSessionLeader() {
        return sessionLeader;
    }

    /** Entity id of the session leader when it is another process. */
    public String sessionLeaderId() {
        return sessionLeaderId;
    }

    public String sessionLeaderName() {
        return sessionLeaderName;
    }

    /** Processing time this node was last created, changed or looked up (at touch granularity). */
    public long lastAccess() {
        return lastAccess;
    }

    /** Processing time the process was seen to end, or {@link #NO_TIME} while alive. */
    public long endedAt() {
        return endedAt;
    }

    public boolean ended() {
        return endedAt != NO_TIME;
    }

    /** True once an event of this process itself (not a child's or a session member's) was seen. */
    public boolean ownEvent() {
        return ownEvent;
    }

    /** True once an event gave up waiting for this process's own event: nobody waits for it again. */
    public boolean settled() {
        return settled;
    }

    /**
     * True while only this process's fork has been seen: it still carries its parent's image, and its
     * exec may rename it and start a new session (a login shell becomes its own entry leader). Until
     * the exec arrives, or the wait for it expires, descendants should not take what is known as final.
     */
    public boolean awaitingExec() {
        return awaitingExec;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ProcessNode)) {
            return false;
        }
        ProcessNode n = (ProcessNode) o;
        return pid == n.pid
                && argsTruncated == n.argsTruncated
                && start == n.start
                && imageTime == n.imageTime
                && entryLeader == n.entryLeader
                && sessionLeader == n.sessionLeader
                && lastAccess == n.lastAccess
                && endedAt == n.endedAt
                && ownEvent == n.ownEvent
                && settled == n.settled
                && awaitingExec == n.awaitingExec
                && leaderSource == n.leaderSource
                && Objects.equals(parentId, n.parentId)
                && Objects.equals(name, n.name)
                && Objects.equals(executable, n.executable)
                && Arrays.equals(args, n.args)
                && Objects.equals(userName, n.userName)
                && Objects.equals(leaderId, n.leaderId)
                && Objects.equals(leaderName, n.leaderName)
                && Objects.equals(leaderType, n.leaderType)
                && Objects.equals(sessionLeaderId, n.sessionLeaderId)
                && Objects.equals(sessionLeaderName, n.sessionLeaderName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pid, parentId, name, executable, start, leaderId, lastAccess, endedAt);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ProcessNode{");
        if (hasPid()) {
            s.append("pid=").append(pid).append(", ");
        }
        s.append("name=").append(name).append(", parent=").append(parentId);
        if (hasLeader()) {
            s.append(", leader=")
                    .append(entryLeader ? "<self>" : leaderId)
                    .append('/')
                    .append(leaderName)
                    .append(" (")
                    .append(leaderSource)
                    .append(')');
        }
        if (ended()) {
            s.append(", endedAt=").append(endedAt);
        }
        return s.append(ownEvent ? ", own" : ", partial")
                .append(settled ? ", settled" : "")
                .append(awaitingExec ? ", awaiting exec" : "")
                .append('}')
                .toString();
    }

    /** Mutable twin of a node; {@link #build()} makes the immutable node. */
    public static final class Builder {
        private long pid = NO_PID;
        private String parentId;
        private String name;
        private String executable;
        private String[] args;
        private boolean argsTruncated;
        private String userName;
        private long start = NO_TIME;
        private long imageTime = NO_TIME;
        private LeaderSource leaderSource = LeaderSource.NONE;
        private boolean entryLeader;
        private String leaderId;
        private String leaderName;
        private String leaderType;
        private boolean sessionLeader;
        private String sessionLeaderId;
        private String sessionLeaderName;
        private long lastAccess;
        private long endedAt = NO_TIME;
        private boolean ownEvent;
        private boolean settled;
        private boolean awaitingExec;

        Builder() {}

        public Builder pid(long pid) {
            this.pid = pid;
            return this;
        }

        public Builder parentId(String parentId) {
            this.parentId = parentId;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder executable(String executable) {
            this.executable = executable;
            return this;
        }

        /** Arguments as already capped by the caller; the array is copied. */
        public Builder args(List<String> args, boolean truncated) {
            this.args = args == null ? null : args.toArray(new String[0]);
            this.argsTruncated = truncated;
            return this;
        }

        Builder argsArray(String[] args, boolean truncated) {
            this.args = args;
            this.argsTruncated = truncated;
            return this;
        }

        public Builder userName(String userName) {
            this.userName = userName;
            return this;
        }

        public Builder start(long start) {
            this.start = start;
            return this;
        }

        public Builder imageTime(long imageTime) {
            this.imageTime = imageTime;
            return this;
        }

        /** Records an entry leader that is another process. */
        public Builder leader(LeaderSource source, String id, String name, String type) {
            this.leaderSource = source;
            this.entryLeader = false;
            this.leaderId = id;
            this.leaderName = name;
            this.leaderType = type;
            return this;
        }

        /** Records that this process is its own entry leader. */
        public Builder selfLeader(LeaderSource source, String name, String type) {
            this.leaderSource = source;
            this.entryLeader = true;
            this.leaderId = null;
            this.leaderName = name;
            this.leaderType = type;
            return this;
        }

        public Builder sessionLeader(String id, String name) {
            this.sessionLeader = false;
            this.sessionLeaderId = id;
            this.sessionLeaderName = name;
            return this;
        }

        public Builder selfSessionLeader(String name) {
            this.sessionLeader = true;
            this.sessionLeaderId = null;
            this.sessionLeaderName = name;
            return this;
        }

        public Builder lastAccess(long lastAccess) {
            this.lastAccess = lastAccess;
            return this;
        }

        public Builder endedAt(long endedAt) {
            this.endedAt = endedAt;
            return this;
        }

        public Builder ownEvent(boolean ownEvent) {
            this.ownEvent = ownEvent;
            return this;
        }

        public Builder awaitingExec(boolean awaitingExec) {
            this.awaitingExec = awaitingExec;
            return this;
        }

        public Builder settled(boolean settled) {
            this.settled = settled;
            return this;
        }

        public ProcessNode build() {
            return new ProcessNode(this);
        }

        // What build() would give, read without building: learning checks these between changes.

        String name() {
            return name;
        }

        String parentId() {
            return parentId;
        }

        LeaderSource leaderSource() {
            return leaderSource == null ? LeaderSource.NONE : leaderSource;
        }

        boolean isEntryLeader() {
            return leaderSource() != LeaderSource.NONE && entryLeader;
        }

        String leaderName() {
            return leaderSource() != LeaderSource.NONE ? leaderName : null;
        }

        String leaderType() {
            return leaderSource() != LeaderSource.NONE ? leaderType : null;
        }
    }
}
