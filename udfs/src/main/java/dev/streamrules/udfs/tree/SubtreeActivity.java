package dev.streamrules.udfs.tree;

import java.util.HashMap;
import java.util.Map;

/**
 * When each of a host's processes, or any process below it, was last active: the idle clock of
 * eviction. Computed at a sweep or a cap eviction, which read every node anyway, instead of
 * refreshing every ancestor each time an event of a descendant walks past it; those refreshes and
 * the reads they needed were half of the tree's map-state look-ups.
 */
final class SubtreeActivity {

    private SubtreeActivity() {}

    /**
     * Last access of each node, raised to its descendants' latest. Each node's time climbs its
     * parent links until an ancestor is already as recent: that ancestor has passed on as much
     * already, or will when its own turn comes. The climb is bounded by {@code maxDepth}, like the
     * tree's walks, so a loop in bad data ends.
     */
    static Map<String, Long> latest(Map<String, ProcessNode> nodes, int maxDepth) {
        Map<String, Long> latest = new HashMap<>(nodes.size() * 2);
        nodes.forEach((id, node) -> latest.put(id, node.lastAccess()));
        nodes.forEach((id, node) -> {
            long time = node.lastAccess();
            String up = node.parentId();
            for (int depth = 0; up != null && depth < maxDepth; depth++) {
                Long known = latest.get(up);
                if (known == null || known >= time) {
                    break;
                }
                latest.put(up, time);
                up = nodes.get(up).parentId();
            }
        });
        return latest;
    }
}
