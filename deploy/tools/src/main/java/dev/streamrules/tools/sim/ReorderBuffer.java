package dev.streamrules.tools.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Holds the last two seconds of events so a child's fork (and its exec) can be delivered just before
 * its parent's exec, the way events from different CPUs or ring buffers arrive at a real pipeline.
 * The job's process-tree state has to cope with a child that names a parent image it has not seen yet.
 * A process's uid_change can likewise come just before its own exec. Either way an event overtakes at
 * most {@link #MAX_SHIFT_NANOS} of event time: sequence members arrive out of order by no more than
 * that, within the job's default 5 s watermark bound.
 *
 * <p>Output positions are numbered in steps of {@link #SLOT}; a moved event takes a free number just
 * below its parent's exec, so nothing already released can be overtaken.
 */
final class ReorderBuffer {

    static final long MAX_SHIFT_NANOS = 2_000_000_000L;
    private static final long SLOT = 1024;

    private record Pending(SimulatedEvent event, String execOf, List<String> movedBefore) {}

    private final TreeMap<Long, Pending> pending = new TreeMap<>();
    /** host/entity → position of that process's exec, while it can still be overtaken. */
    private final Map<String, Long> execPositions = new HashMap<>();
    /** host/child → the parent exec its fork was moved before; its exec follows it there. */
    private final Map<String, Long> movedChildren = new HashMap<>();

    private long sequence;
    private long newestNanos = Long.MIN_VALUE;

    /** {@code moveEarly}: when possible, a fork goes before its parent's exec, a uid_change before its own exec. */
    void add(SimulatedEvent event, ProcessAction action, String entityId, String parentEntityId, boolean moveEarly) {
        long time = event.eventTimeNanos();
        newestNanos = Math.max(newestNanos, time);
        String self = key(event.hostId(), entityId);
        Long anchor = null;
        if (action == ProcessAction.FORK && moveEarly && parentEntityId != null) {
            anchor = usable(execPositions.get(key(event.hostId(), parentEntityId)), time);
        } else if (action == ProcessAction.UID_CHANGE && moveEarly) {
            anchor = usable(execPositions.get(self), time);
        } else if (action == ProcessAction.EXEC) {
            anchor = usable(movedChildren.remove(self), time);
        }
        if (anchor != null) {
            Pending target = pending.get(anchor);
            target.movedBefore().add(self);
            pending.put(anchor - SLOT + target.movedBefore().size(), new Pending(event, null, null));
            if (action == ProcessAction.FORK) {
                movedChildren.put(self, anchor);
            }
            return;
        }
        long position = ++sequence * SLOT;
        // pid 1 is never forked, so its exec is where it first appears: nothing may come before that.
        boolean anchorable = action == ProcessAction.EXEC && parentEntityId != null;
        pending.put(position, new Pending(event, anchorable ? self : null, anchorable ? new ArrayList<>(2) : null));
        if (anchorable) {
            execPositions.put(self, position);
        }
    }

    private Long usable(Long anchor, long time) {
        if (anchor == null) {
            return null;
        }
        Pending target = pending.get(anchor);
        if (target == null
                || time - target.event().eventTimeNanos() > MAX_SHIFT_NANOS
                || target.movedBefore().size() >= SLOT - 1) {
            return null;
        }
        return anchor;
    }

    /** The next event whose position can no longer change, or any next event when draining. */
    SimulatedEvent poll(boolean drain) {
        Map.Entry<Long, Pending> first = pending.firstEntry();
        if (first == null) {
            return null;
        }
        Pending head = first.getValue();
        if (!drain && head.event().eventTimeNanos() >= newestNanos - MAX_SHIFT_NANOS) {
            return null;
        }
        pending.pollFirstEntry();
        if (head.execOf() != null) {
            execPositions.remove(head.execOf(), first.getKey());
            head.movedBefore().forEach(movedChildren::remove);
        }
        return head.event();
    }

    private static String key(String hostId, String entityId) {
        return hostId + '/' + entityId;
    }
}
