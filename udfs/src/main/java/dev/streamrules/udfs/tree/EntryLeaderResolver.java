package dev.streamrules.udfs.tree;

import dev.streamrules.udfs.ecs.EcsEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Finds an event's entry leader. Pure: reads nodes through a lookup function and changes nothing.
 *
 * <ol>
 *   <li>The event's own {@code process.entry_leader} always wins (source {@code event}); a process
 *       that is its own entry leader ({@code same_as_process}, or the leader's entity id is the
 *       process's) resolves to itself. Missing inline name or type are filled from the tree.</li>
 *   <li>Otherwise the leader recorded on the process's own node, then on its parent, grandparent and
 *       so on (source {@code state}); a node that is itself an entry leader resolves to itself.</li>
 *   <li>The walk is bounded by {@link ProcessTreeSettings#maxAncestryDepth()} and stops on a cycle.
 *       When it ends at a process known only from other events' fields whose own event has not
 *       been seen yet, the resolution names it as {@link Resolution#awaitedId()}; so it does when
 *       an ancestor at or below the leader found has only been seen forking (its exec may start a
 *       new session with a new entry leader).</li>
 * </ol>
 * The walk stops at the leader, or at the parent when the leader is found below it: the parent's
 * facts fill the event's {@code process.parent.*}. Listing up to
 * {@link ProcessTreeSettings#ancestryInOutput()} ancestors, which only an alert's
 * {@code process_tree} object shows, walks on when {@link Resolution#ancestry()} is first asked:
 * past the leader every look-up was a map-state read missing the cache, half of the tree's reads,
 * for a list almost no event needs.
 */
public final class EntryLeaderResolver {

    static final String ENTITY_ID = "process.entity_id";
    static final String PARENT_ENTITY_ID = "process.parent.entity_id";
    static final String LEADER_ENTITY_ID = "process.entry_leader.entity_id";
    static final String LEADER_NAME = "process.entry_leader.name";
    static final String LEADER_PID = "process.entry_leader.pid";
    static final String LEADER_TYPE = "process.entry_leader.entry_meta.type";
    static final String LEADER_SAME_AS_PROCESS = "process.entry_leader.same_as_process";
    static final String SESSION_ENTITY_ID = "process.session_leader.entity_id";
    static final String SESSION_NAME = "process.session_leader.name";
    static final String SESSION_PID = "process.session_leader.pid";

    private final int maxDepth;
    private final int ancestryLimit;

    public EntryLeaderResolver(ProcessTreeSettings settings) {
        this.maxDepth = settings.maxAncestryDepth();
        this.ancestryLimit = settings.ancestryInOutput();
    }

    /** The event's inline entry leader, or {@code null} when the event carries none. */
    static Leader inlineLeader(EcsEvent event) {
        String id = ProcessInfo.nonEmpty(event.first(LEADER_ENTITY_ID));
        String name = ProcessInfo.nonEmpty(event.first(LEADER_NAME));
        boolean sameAsProcess = "true".equalsIgnoreCase(event.first(LEADER_SAME_AS_PROCESS));
        if (id == null && name == null && !sameAsProcess) {
            return null;
        }
        long pid = ProcessInfo.pidOf(event.first(LEADER_PID));
        if (sameAsProcess) {
            id = id != null ? id : ProcessInfo.nonEmpty(event.first(ENTITY_ID));
            name = name != null ? name : ProcessInfo.nonEmpty(event.first("process.name"));
            pid = pid != ProcessNode.NO_PID ? pid : ProcessInfo.pidOf(event.first("process.pid"));
        }
        return new Leader(id, name, ProcessInfo.nonEmpty(event.first(LEADER_TYPE)), pid);
    }

    /** True when the event says its process is its own entry leader. */
    static boolean isOwnEntryLeader(EcsEvent event) {
        if ("true".equalsIgnoreCase(event.first(LEADER_SAME_AS_PROCESS))) {
            return true;
        }
        String self = event.first(ENTITY_ID);
        return self != null && self.equals(event.first(LEADER_ENTITY_ID));
    }

    public Resolution resolve(EcsEvent event, Function<String, ProcessNode> lookup) {
        String selfId = ProcessInfo.nonEmpty(event.first(ENTITY_ID));
        ProcessNode self = selfId == null ? null : lookup.apply(selfId);
        List<Ancestor> path = new ArrayList<>();
        if (self != null) {
            path.add(new Ancestor(selfId, self));
        }

        Resolution.Source source = Resolution.Source.NONE;
        Leader leader = inlineLeader(event);
        int leaderIndex = -1;
        if (leader != null) {
            source = Resolution.Source.EVENT;
            if ((leader.name() == null || leader.type() == null) && leader.entityId() != null) {
                ProcessNode known = lookup.apply(leader.entityId());
                if (known != null && known.hasLeader()) {
                    leader = leader.withMissingFrom(leaderOf(leader.entityId(), known, lookup));
                }
            }
        } else if (self != null && self.hasLeader()) {
            source = Resolution.Source.STATE;
            leader = leaderOf(selfId, self, lookup);
            leaderIndex = 0;
        }

        String awaited = null;
        String provisional = null;
        String reason = null;
        String parentId = ProcessInfo.nonEmpty(event.first(PARENT_ENTITY_ID));
        Walk walk = new Walk(parentId != null || self == null ? parentId : self.parentId(), selfId, path, lookup);
        if (walk.current == null && leader == null) {
            reason = "no parent process known";
        }
        // The parent is listed even when the leader is known without it (see the class comment).
        int needed = Math.min(1, ancestryLimit);
        while (walk.current != null && (leader == null || walk.ancestry.size() < needed)) {
            String current = walk.current;
            ProcessNode node = walk.step();
            if (node == null) {
                if (leader == null) {
                    reason = walk.stop;
                }
                break;
            }
            if (leader == null && provisional == null && node.awaitingExec() && !node.settled()) {
                // An ancestor at or below the leader has only forked: its exec may start a new session.
                provisional = current;
            }
            if (leader == null && node.hasLeader()) {
                source = Resolution.Source.STATE;
                leader = leaderOf(current, node, lookup);
                leaderIndex = path.size() - 1;
            }
            if (leader == null && node.parentId() == null) {
                if (!node.ownEvent() && !node.settled()) {
                    awaited = current;
                    reason = "no event seen yet for ancestor " + current;
                } else {
                    reason = "no entry leader up to the root " + current;
                }
            }
        }
        Resolution.Listing rest = walk.current == null || walk.ancestry.size() >= ancestryLimit
                ? null
                : () -> walk.copy().listOn();
        return new Resolution(
                source,
                leader,
                sessionLeader(event, self),
                walk.ancestry,
                rest,
                leader == null ? awaited : provisional,
                leader == null ? reason : null,
                path,
                leaderIndex);
    }

    /**
     * A walk up the parent links from the event's parent. Resolving and listing take the same steps
     * and stop at the same places; listing goes on past the leader and only reads, so it may run any
     * time before the host's next event.
     */
    private final class Walk {
        private final String selfId;
        private final List<Ancestor> path;
        private final List<Ancestor> ancestry;
        private final Function<String, ProcessNode> lookup;
        /** The next process up, or null when the walk has nowhere to go. */
        String current;
        /** Why the walk stopped early (depth, loop, untracked ancestor), or null. */
        String stop;

        private int depth;

        Walk(String current, String selfId, List<Ancestor> path, Function<String, ProcessNode> lookup) {
            this(current, selfId, path, new ArrayList<>(), lookup, 0);
        }

        private Walk(
                String current,
                String selfId,
                List<Ancestor> path,
                List<Ancestor> ancestry,
                Function<String, ProcessNode> lookup,
                int depth) {
            this.current = current;
            this.selfId = selfId;
            this.path = path;
            this.ancestry = ancestry;
            this.lookup = lookup;
            this.depth = depth;
        }

        /** Reads {@link #current}'s node and moves to its parent; null when the walk stops here. */
        ProcessNode step() {
            if (depth == maxDepth) {
                stop = "ancestry deeper than " + maxDepth + " processes";
            } else if (visited(current, selfId, path)) {
                stop = "ancestry loops back to " + current;
            } else {
                ProcessNode node = lookup.apply(current);
                if (node != null) {
                    depth++;
                    Ancestor step = new Ancestor(current, node);
                    path.add(step);
                    if (ancestry.size() < ancestryLimit) {
                        ancestry.add(step);
                    }
                    current = node.parentId();
                    return node;
                }
                stop = "ancestor " + current + " is not tracked";
            }
            current = null;
            return null;
        }

        /** A walk from here that leaves this one's lists as they are. */
        Walk copy() {
            return new Walk(current, selfId, new ArrayList<>(path), new ArrayList<>(ancestry), lookup, depth);
        }

        /** Walks on until {@link ProcessTreeSettings#ancestryInOutput()} ancestors are listed. */
        List<Ancestor> listOn() {
            while (current != null && ancestry.size() < ancestryLimit) {
                step();
            }
            return ancestry;
        }
    }

    /**
     * Whether the walk has been at {@code id}: the event's own process or a node on the path. A scan,
     * not a hash set: the path is short (the walk stops at the leader; a listing adds at most
     * {@code ancestryInOutput} nodes). The (cached) hashes go first: one host's entity ids share a
     * long prefix, so {@code equals} alone reads most of both.
     */
    private static boolean visited(String id, String selfId, List<Ancestor> path) {
        int hash = id.hashCode();
        if (selfId != null && selfId.hashCode() == hash && id.equals(selfId)) {
            return true;
        }
        for (int i = 0; i < path.size(); i++) {
            String seen = path.get(i).entityId();
            if (seen.hashCode() == hash && seen.equals(id)) {
                return true;
            }
        }
        return false;
    }

    private static Leader leaderOf(String id, ProcessNode node, Function<String, ProcessNode> lookup) {
        if (node.isEntryLeader()) {
            return new Leader(
                    id, node.leaderName() != null ? node.leaderName() : node.name(), node.leaderType(), node.pid());
        }
        long pid = ProcessNode.NO_PID;
        if (node.leaderId() != null) {
            ProcessNode leaderNode = lookup.apply(node.leaderId());
            if (leaderNode != null) {
                pid = leaderNode.pid();
            }
        }
        return new Leader(node.leaderId(), node.leaderName(), node.leaderType(), pid);
    }

    private static Leader sessionLeader(EcsEvent event, ProcessNode self) {
        String id = ProcessInfo.nonEmpty(event.first(SESSION_ENTITY_ID));
        String name = ProcessInfo.nonEmpty(event.first(SESSION_NAME));
        if (id != null || name != null) {
            return new Leader(id, name, null, ProcessInfo.pidOf(event.first(SESSION_PID)));
        }
        if (self != null && self.isSessionLeader()) {
            return new Leader(
                    event.first(ENTITY_ID),
                    self.sessionLeaderName() != null ? self.sessionLeaderName() : self.name(),
                    null,
                    self.pid());
        }
        if (self != null && (self.sessionLeaderId() != null || self.sessionLeaderName() != null)) {
            return new Leader(self.sessionLeaderId(), self.sessionLeaderName(), null, ProcessNode.NO_PID);
        }
        return null;
    }
}
