package dev.streamrules.udfs.tree;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.tree.ProcessNode.LeaderSource;
import dev.streamrules.udfs.tree.TreeMetrics.EvictionReason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One host's process tree: learns from events, resolves entry leaders, and keeps itself bounded.
 * Plain Java over a {@link NodeStore}; no Flink runtime inside, so it is tested without Flink. The
 * operator calls it with the store bound to the current host and turns the results into output,
 * timers and metrics.
 *
 * <p>Times passed in ({@code now}) are processing time in epoch millis.
 *
 * <p>Over 300 lines on purpose: learning, resolution and eviction share the same node invariants
 * (leader links, lingering ends, the cap), and split apart each would have to re-check them.
 */
public final class ProcessTree {

    /** Returned as a deadline when nothing is due. */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    static final String EVENT_ACTION = "event.action";
    static final String EVENT_TYPE = "event.type";
    static final String ANCESTRY = "process.Ext.ancestry";
    static final String LEADER_PARENT_ENTITY_ID = "process.entry_leader.parent.entity_id";
    static final String USER_NAME = "user.name";
    static final String PROCESS_USER_NAME = "process.user.name";

    /** A node with nothing known, standing in for one not created yet. */
    private static final ProcessNode BLANK = ProcessNode.builder().build();

    private final NodeStore store;
    private final ProcessTreeSettings settings;
    private final TreeMetrics metrics;
    private final EntryLeaderResolver resolver;

    public ProcessTree(NodeStore store, ProcessTreeSettings settings, TreeMetrics metrics) {
        this.store = store;
        this.settings = settings;
        this.metrics = metrics;
        this.resolver = new EntryLeaderResolver(settings);
    }

    /** What learning one event changed. */
    public static final class Learned {
        // Lists, not hash sets: an event writes at most a handful of ids, and the sets' entries and
        // tables were 1.5% of a replay's samples.
        private final List<String> upgraded = new ArrayList<>(4);
        private final List<String> touched = new ArrayList<>(6);
        private long earliestDeadline = NO_DEADLINE;

        /**
         * Ids whose node appeared or gained a fact that can complete another event's ancestry (its
         * own event, an entry leader, a parent link): events waiting for them should be retried.
         * Each once, in the order learned.
         */
        public List<String> upgraded() {
            return Collections.unmodifiableList(upgraded);
        }

        /** Ids this event wrote; protected from cap eviction while the event is handled. */
        public List<String> touched() {
            return Collections.unmodifiableList(touched);
        }

        /** Earliest eviction deadline among the nodes this event wrote, or {@link #NO_DEADLINE}. */
        public long earliestDeadline() {
            return earliestDeadline;
        }

        private static void addOnce(List<String> ids, String id) {
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
    }

    /**
     * Records what the event says: its own process (first hand: overrides), its parent, its
     * ancestry ({@code process.Ext.ancestry}), its entry and session leaders (second hand: fill gaps).
     */
    public Learned learn(EcsEvent event, long now) {
        Learned learned = new Learned();
        ProcessInfo self = ProcessInfo.of(event, ProcessInfo.Paths.PROCESS, settings);
        ProcessInfo parent = ProcessInfo.of(event, ProcessInfo.Paths.PARENT, settings);
        ProcessInfo entry = ProcessInfo.of(event, ProcessInfo.Paths.ENTRY_LEADER, settings);
        ProcessInfo session = ProcessInfo.of(event, ProcessInfo.Paths.SESSION_LEADER, settings);
        Leader inline = EntryLeaderResolver.inlineLeader(event);
        boolean selfIsLeader = self.entityId != null && EntryLeaderResolver.isOwnEntryLeader(event);

        if (parent.entityId != null && !parent.entityId.equals(self.entityId)) {
            ProcessNode before = store.get(parent.entityId);
            ProcessNode.Builder p = secondHand(before, parent, now);
            if (inline != null && !selfIsLeader) {
                if (parent.entityId.equals(inline.entityId())) {
                    raiseToSelfLeader(p, LeaderSource.DECLARED, inline.name(), inline.type());
                } else {
                    raiseLeader(p, LeaderSource.INFERRED, inline);
                }
            }
            write(parent.entityId, before, p, now, learned);
        }

        learnAncestry(event, parent.entityId, now, learned);

        if (entry.entityId != null && !selfIsLeader) {
            ProcessNode before = store.get(entry.entityId);
            ProcessNode.Builder l = secondHand(before, entry, now);
            raiseToSelfLeader(
                    l,
                    LeaderSource.DECLARED,
                    inline == null ? null : inline.name(),
                    inline == null ? null : inline.type());
            String leaderParent = ProcessInfo.nonEmpty(event.first(LEADER_PARENT_ENTITY_ID));
            if (leaderParent != null && l.parentId() == null && !leaderParent.equals(entry.entityId)) {
                l.parentId(leaderParent);
            }
            write(entry.entityId, before, l, now, learned);
        }

        if (session.entityId != null
                && !session.entityId.equals(self.entityId)
                && !session.entityId.equals(entry.entityId)
                && !session.entityId.equals(parent.entityId)) {
            ProcessNode before = store.get(session.entityId);
            write(session.entityId, before, secondHand(before, session, now), now, learned);
        }

        if (self.entityId != null) {
            ProcessNode before = store.get(self.entityId);
            write(
                    self.entityId,
                    before,
                    firstHand(before, event, self, parent, session, inline, selfIsLeader, now),
                    now,
                    learned);
        }
        return learned;
    }

    /**
     * Resolves the event's entry leader and caches what it found. Reading a node does not refresh
     * it: an ancestor stays while any process below it is active (see {@link #sweep}).
     */
    public Resolution resolve(EcsEvent event) {
        Resolution r = resolver.resolve(event, store::get);
        // Path compression: nodes below the leader on the path learn it, so later lookups stop early
        // and still resolve after their ancestors are evicted.
        // Not while the resolution waits for an exec that may change the answer.
        if (r.awaitedId() == null && r.leaderIndex > 0) {
            Leader l = r.leader();
            for (int i = 0; i < r.leaderIndex; i++) {
                Ancestor a = r.path.get(i);
                if (!a.node().hasLeader()) {
                    store.replace(
                            a.entityId(),
                            a.node().toBuilder()
                                    .leader(LeaderSource.INHERITED, l.entityId(), l.name(), l.type())
                                    .build());
                }
            }
        }
        return r;
    }

    /** After an event stopped waiting for {@code entityId}'s own event: nobody waits for it again. */
    public void settle(String entityId) {
        ProcessNode node = store.get(entityId);
        if (node != null && ((!node.ownEvent() && !node.settled()) || node.awaitingExec())) {
            store.replace(
                    entityId, node.toBuilder().settled(true).awaitingExec(false).build());
        }
    }

    /**
     * Evicts ended processes whose linger passed, and processes idle for the TTL: neither they nor
     * any tracked process below them active (learned from an event) for that long.
     *
     * <p>Descendants only ever make a process's idle deadline later, so while no process's own
     * deadline has passed nobody is idle, and the sweep skips computing subtree activity: most sweeps
     * are for ended processes. The deadline it then returns may be early, never late.
     *
     * @return the earliest deadline among the remaining nodes (or earlier), or {@link #NO_DEADLINE}
     *     when empty
     */
    public long sweep(long now) {
        List<String> ended = new ArrayList<>();
        long[] next = {NO_DEADLINE};
        boolean[] idleDue = {false};
        store.forEach((id, node) -> {
            long deadline = deadlineOf(node);
            if (deadline > now) {
                next[0] = Math.min(next[0], deadline);
            } else if (node.ended()) {
                ended.add(id);
            } else {
                idleDue[0] = true;
            }
        });
        if (idleDue[0]) {
            return sweepWithActivity(now);
        }
        evict(ended, EvictionReason.ENDED);
        return next[0];
    }

    /** {@link #sweep} when some process may be idle: its descendants' activity decides. */
    private long sweepWithActivity(long now) {
        Map<String, ProcessNode> nodes = snapshot();
        Map<String, Long> active = SubtreeActivity.latest(nodes, settings.maxAncestryDepth());
        List<String> ended = new ArrayList<>();
        List<String> idle = new ArrayList<>();
        long next = NO_DEADLINE;
        for (Map.Entry<String, ProcessNode> e : nodes.entrySet()) {
            ProcessNode node = e.getValue();
            long deadline = deadlineOf(node, active.get(e.getKey()));
            if (deadline <= now) {
                (node.ended() ? ended : idle).add(e.getKey());
            } else {
                next = Math.min(next, deadline);
            }
        }
        evict(ended, EvictionReason.ENDED);
        evict(idle, EvictionReason.IDLE);
        return next;
    }

    private void evict(List<String> ids, EvictionReason reason) {
        ids.forEach(store::remove);
        if (!ids.isEmpty()) {
            metrics.evicted(reason, ids.size());
        }
    }

    /**
     * When the tree is over its cap, evicts down to 90% of it: ended processes first (earliest end
     * first), then the least recently active, a process counting as active as its most recent
     * descendant. Evicting a batch keeps the full scan this needs rare.
     *
     * @param protect ids that must stay (those the current event just wrote)
     * @return number of nodes evicted
     */
    public int enforceCap(Collection<String> protect) {
        int max = settings.maxProcessesPerHost();
        if (store.size() <= max) {
            return 0;
        }
        int target = max >= 10 ? max - max / 10 : max;
        Map<String, ProcessNode> nodes = snapshot();
        Map<String, Long> active = SubtreeActivity.latest(nodes, settings.maxAncestryDepth());
        List<Candidate> candidates = new ArrayList<>(nodes.size());
        nodes.forEach((id, node) -> {
            if (!protect.contains(id)) {
                candidates.add(new Candidate(id, node.ended(), node.ended() ? node.endedAt() : active.get(id)));
            }
        });
        candidates.sort(Comparator.comparing((Candidate c) -> !c.ended).thenComparingLong(c -> c.time));
        int toEvict = Math.min(store.size() - target, candidates.size());
        for (int i = 0; i < toEvict; i++) {
            store.remove(candidates.get(i).id);
        }
        if (toEvict > 0) {
            metrics.evicted(EvictionReason.OVER_CAP, toEvict);
        }
        return toEvict;
    }

    private Map<String, ProcessNode> snapshot() {
        Map<String, ProcessNode> nodes = new HashMap<>(store.size() * 2);
        store.forEach(nodes::put);
        return nodes;
    }

    public int size() {
        return store.size();
    }

    private record Candidate(String id, boolean ended, long time) {}

    /** The node's own deadline: a lower bound of the one a sweep computes with its descendants. */
    private long deadlineOf(ProcessNode node) {
        return deadlineOf(node, node.lastAccess());
    }

    /** When the node goes: its linger after its end, or the idle TTL after it was last active. */
    private long deadlineOf(ProcessNode node, long lastActive) {
        return node.ended()
                ? saturatedAdd(node.endedAt(), settings.endedLingerMillis())
                : saturatedAdd(lastActive, settings.idleTtlMillis());
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? NO_DEADLINE : sum;
    }

    /** The node as the event's own process: image (timestamp-guarded), parent link, leaders, end. */
    private static ProcessNode.Builder firstHand(
            ProcessNode existing,
            EcsEvent event,
            ProcessInfo self,
            ProcessInfo parent,
            ProcessInfo session,
            Leader inline,
            boolean selfIsLeader,
            long now) {
        ProcessNode.Builder b = existing == null ? ProcessNode.builder().lastAccess(now) : existing.toBuilder();
        ProcessNode before = existing == null ? BLANK : existing;
        long timestamp = event.getTimestampMillis();
        long eventTime = timestamp == EcsEvent.NO_TIMESTAMP ? ProcessNode.NO_TIME : timestamp;

        // Seen only forking so far: its exec may still rename it and start a new session.
        boolean forkOnly = "fork".equals(event.first(EVENT_ACTION)) && (before.awaitingExec() || !before.ownEvent());
        b.awaitingExec(forkOnly && !before.settled());
        b.ownEvent(true);
        long pid = self.pid();
        if (pid != ProcessNode.NO_PID) {
            b.pid(pid);
        }
        long start = self.start();
        if (start != ProcessNode.NO_TIME) {
            b.start(start);
        }
        boolean newerImage = before.imageTime() == ProcessNode.NO_TIME
                || eventTime == ProcessNode.NO_TIME
                || eventTime >= before.imageTime();
        if (newerImage) {
            String name = self.name();
            if (name != null) {
                b.name(name);
            }
            String executable = self.executable();
            if (executable != null) {
                b.executable(executable);
            }
            if (self.args() != null) {
                b.argsArray(self.args(), self.argsTruncated());
            }
            if (eventTime != ProcessNode.NO_TIME) {
                b.imageTime(eventTime);
            }
        } else {
            fillImage(b, before, self);
        }
        String user = ProcessInfo.nonEmpty(event.first(USER_NAME));
        if (user == null) {
            user = ProcessInfo.nonEmpty(event.first(PROCESS_USER_NAME));
        }
        if (user != null && (newerImage || before.userName() == null)) {
            b.userName(user);
        }
        if (parent.entityId != null && !parent.entityId.equals(self.entityId)) {
            b.parentId(parent.entityId);
        }
        if (selfIsLeader) {
            b.selfLeader(
                    LeaderSource.DECLARED,
                    inline != null && inline.name() != null ? inline.name() : self.name(),
                    inline == null ? null : inline.type());

        } else if (inline != null) {
            b.leader(LeaderSource.DECLARED, inline.entityId(), inline.name(), inline.type());
        }
        if (session.entityId != null) {
            if (session.entityId.equals(self.entityId)) {
                String name = session.name();
                b.selfSessionLeader(name != null ? name : self.name());
            } else {
                b.sessionLeader(session.entityId, session.name());
            }
        }
        if (isEnd(event) && !before.ended()) {
            b.endedAt(now);
        }
        return b;
    }

    /** A node as another event describes it: created if new, otherwise only gaps are filled. */
    private static ProcessNode.Builder secondHand(ProcessNode existing, ProcessInfo info, long now) {
        if (existing == null) {
            ProcessNode.Builder b = ProcessNode.builder().lastAccess(now);
            fillImage(b, BLANK, info);
            return b;
        }
        ProcessNode.Builder b = existing.toBuilder();
        fillImage(b, existing, info);
        return b;
    }

    private static void fillImage(ProcessNode.Builder b, ProcessNode current, ProcessInfo info) {
        if (!current.hasPid()) {
            long pid = info.pid();
            if (pid != ProcessNode.NO_PID) {
                b.pid(pid);
            }
        }
        if (current.name() == null) {
            b.name(info.name());
        }
        if (current.executable() == null) {
            b.executable(info.executable());
        }
        if (current.argsArray().length == 0 && info.args() != null) {
            b.argsArray(info.args(), info.argsTruncated());
        }
        if (current.start() == ProcessNode.NO_TIME) {
            long start = info.start();
            if (start != ProcessNode.NO_TIME) {
                b.start(start);
            }
        }
    }

    private static void raiseLeader(ProcessNode.Builder b, LeaderSource source, Leader leader) {
        if (source.atLeast(b.leaderSource()) && !b.isEntryLeader()) {
            b.leader(source, leader.entityId(), leader.name(), leader.type());
        }
    }

    private static void raiseToSelfLeader(ProcessNode.Builder b, LeaderSource source, String name, String type) {
        if (b.isEntryLeader()) {
            // keep what is known, fill gaps
            b.selfLeader(
                    b.leaderSource(),
                    b.leaderName() != null ? b.leaderName() : name,
                    b.leaderType() != null ? b.leaderType() : type);
        } else if (source.atLeast(b.leaderSource())) {
            b.selfLeader(source, name != null ? name : b.name(), type);
        }
    }

    /**
     * Links the ids of {@code process.Ext.ancestry} (parent first) into a chain of nodes, stopping
     * at the first node that already knows its parent: the rest of the chain is then known already.
     */
    private void learnAncestry(EcsEvent event, String parentId, long now, Learned learned) {
        String[] ids = event.values(ANCESTRY);
        if (ids == null || ids.length == 0 || (parentId != null && !parentId.equals(ids[0]))) {
            return;
        }
        int limit = Math.min(ids.length, settings.maxAncestryDepth());
        for (int i = 0; i < limit; i++) {
            String id = ProcessInfo.nonEmpty(ids[i]);
            String up = i + 1 < ids.length ? ProcessInfo.nonEmpty(ids[i + 1]) : null;
            if (id == null || up == null || id.equals(up)) {
                return;
            }
            ProcessNode existing = store.get(id);
            if (existing != null && existing.parentId() != null) {
                return;
            }
            ProcessNode.Builder b = existing == null ? ProcessNode.builder().lastAccess(now) : existing.toBuilder();
            write(id, existing, b.parentId(up), now, learned);
        }
    }

    /** Stores a node if it changed, keeping counts, deadlines and the upgraded/touched sets. */
    private void write(String id, ProcessNode before, ProcessNode.Builder b, long now, Learned learned) {
        if (before != null && now - before.lastAccess() >= settings.touchGranularityMillis()) {
            b.lastAccess(now);
        }
        ProcessNode after = b.build();
        Learned.addOnce(learned.touched, id);
        if (before == null) {
            store.insert(id, after);
            metrics.added(1);
        } else if (!after.equals(before)) {
            store.replace(id, after);
        } else {
            return;
        }
        // Only facts that can extend a resolution count; a bare node named by a child's parent
        // fields completes nothing, so creating one releases nobody.
        boolean hadOwnEvent = before != null && before.ownEvent();
        boolean hadLeader = before != null && before.hasLeader();
        boolean hadParent = before != null && before.parentId() != null;
        boolean leaderFinal = before != null && before.awaitingExec() && !after.awaitingExec();
        if ((after.ownEvent() && !hadOwnEvent)
                || (after.hasLeader() && !hadLeader)
                || (after.parentId() != null && !hadParent)
                || leaderFinal) {
            Learned.addOnce(learned.upgraded, id);
        }
        learned.earliestDeadline = Math.min(learned.earliestDeadline, deadlineOf(after));
    }

    static boolean isEnd(EcsEvent event) {
        if ("end".equals(event.first(EVENT_ACTION))) {
            return true;
        }
        String[] types = event.values(EVENT_TYPE);
        if (types != null) {
            for (String t : types) {
                if ("end".equals(t)) {
                    return true;
                }
            }
        }
        return false;
    }
}
