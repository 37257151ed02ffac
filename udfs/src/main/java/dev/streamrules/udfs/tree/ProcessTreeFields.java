package dev.streamrules.udfs.tree;

import dev.streamrules.udfs.ecs.FieldProjection;
import java.util.ArrayList;
import java.util.List;

/**
 * The event fields the process tree reads. A job that parses only what its rules read must add these
 * (see {@link FieldProjection#union}), or the tree would see processes without parents or leaders.
 */
public final class ProcessTreeFields {

    /** The ECS prefixes under which an event describes a process ({@link ProcessInfo}). */
    static final List<String> PROCESS_PREFIXES =
            List.of("process", "process.parent", "process.entry_leader", "process.session_leader");

    /** What {@link ProcessInfo} reads under each prefix. */
    static final List<String> PROCESS_FIELDS = List.of("entity_id", "pid", "name", "executable", "args", "start");

    /** Every field the tree reads, as paths. */
    static final List<String> PATHS = paths();

    /** Every field the tree reads. */
    public static final FieldProjection READ = FieldProjection.of(PATHS);

    private ProcessTreeFields() {}

    private static List<String> paths() {
        List<String> paths = new ArrayList<>();
        for (String prefix : PROCESS_PREFIXES) {
            for (String field : PROCESS_FIELDS) {
                paths.add((prefix + "." + field).intern());
            }
        }
        paths.addAll(List.of(
                EntryLeaderResolver.LEADER_TYPE,
                EntryLeaderResolver.LEADER_SAME_AS_PROCESS,
                ProcessTree.EVENT_ACTION,
                ProcessTree.EVENT_TYPE,
                ProcessTree.ANCESTRY,
                ProcessTree.LEADER_PARENT_ENTITY_ID,
                ProcessTree.USER_NAME,
                ProcessTree.PROCESS_USER_NAME));
        return List.copyOf(paths);
    }
}
