package dev.streamrules.udfs.tree;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.ecs.EventTimestamps;
import java.util.ArrayList;
import java.util.List;

/**
 * What an event says about one process under an ECS prefix ({@code process},
 * {@code process.parent}, {@code process.entry_leader}, {@code process.session_leader}), with
 * arguments capped. Only the entity id is read up front; the rest is read from the event when asked:
 * an event names four processes, and the tree mostly knows the three it learns second hand already,
 * so it asks for their fields only to fill gaps.
 */
final class ProcessInfo {

    final String entityId;
    private final EcsEvent event;
    private final Paths paths;
    private final ProcessTreeSettings settings;
    private String[] args;
    private boolean argsTruncated;
    private boolean argsRead;

    private ProcessInfo(EcsEvent event, Paths paths, ProcessTreeSettings settings) {
        this.event = event;
        this.paths = paths;
        this.settings = settings;
        this.entityId = nonEmpty(event.first(paths.entityId));
    }

    long pid() {
        return pidOf(event.first(paths.pid));
    }

    String name() {
        return nonEmpty(event.first(paths.name));
    }

    String executable() {
        return nonEmpty(event.first(paths.executable));
    }

    /** The kept arguments, or {@code null} when the event has none. */
    String[] args() {
        readArgs();
        return args;
    }

    /** True when {@link #args()} dropped or shortened some. */
    boolean argsTruncated() {
        readArgs();
        return argsTruncated;
    }

    /** The process's start time, or {@link ProcessNode#NO_TIME}. */
    long start() {
        return timeOf(event.first(paths.start));
    }

    /**
     * The paths of {@link ProcessTreeFields#PROCESS_FIELDS} under one prefix, built once: every event
     * reads four prefixes, and building 24 path strings per event showed in the profile.
     */
    static final class Paths {
        static final Paths PROCESS = new Paths("process");
        static final Paths PARENT = new Paths("process.parent");
        static final Paths ENTRY_LEADER = new Paths("process.entry_leader");
        static final Paths SESSION_LEADER = new Paths("process.session_leader");

        final String entityId;
        final String pid;
        final String name;
        final String executable;
        final String args;
        final String start;

        private Paths(String prefix) {
            // interned: the event's field names are, so look-ups match by reference
            this.entityId = (prefix + ".entity_id").intern();
            this.pid = (prefix + ".pid").intern();
            this.name = (prefix + ".name").intern();
            this.executable = (prefix + ".executable").intern();
            this.args = (prefix + ".args").intern();
            this.start = (prefix + ".start").intern();
        }
    }

    /** Reads {@code prefix.}{@link ProcessTreeFields#PROCESS_FIELDS}; keep that list in step. */
    static ProcessInfo of(EcsEvent event, Paths paths, ProcessTreeSettings settings) {
        return new ProcessInfo(event, paths, settings);
    }

    private void readArgs() {
        if (argsRead) {
            return;
        }
        argsRead = true;
        String[] rawArgs = event.values(paths.args);
        if (rawArgs == null || fitsWhole(rawArgs, settings)) {
            args = rawArgs; // nothing to cap: the event's own array, never modified
            return;
        }
        List<String> kept = new ArrayList<>(Math.min(rawArgs.length, settings.maxArgs()));
        int budget = settings.maxArgsChars();
        for (String arg : rawArgs) {
            if (kept.size() == settings.maxArgs() || budget == 0) {
                argsTruncated = true;
                break;
            }
            if (arg.length() > budget) {
                kept.add(arg.substring(0, budget));
                budget = 0;
                argsTruncated = true;
                continue;
            }
            kept.add(arg);
            budget -= arg.length();
        }
        args = kept.toArray(new String[0]);
    }

    /** True when the caps keep every argument as it is (the common case: no copy needed). */
    private static boolean fitsWhole(String[] args, ProcessTreeSettings settings) {
        if (args.length > settings.maxArgs()) {
            return false;
        }
        long chars = 0;
        for (String arg : args) {
            chars += arg.length();
        }
        return chars < settings.maxArgsChars();
    }

    static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static long pidOf(String text) {
        if (text == null) {
            return ProcessNode.NO_PID;
        }
        try {
            long pid = Long.parseLong(text.trim());
            return pid < 0 ? ProcessNode.NO_PID : pid;
        } catch (NumberFormatException e) {
            return ProcessNode.NO_PID;
        }
    }

    /** Epoch millis of an ISO-8601 instant or of a number of epoch millis; {@link ProcessNode#NO_TIME} otherwise. */
    static long timeOf(String text) {
        if (text == null || text.isEmpty()) {
            return ProcessNode.NO_TIME;
        }
        if (allDigits(text)) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                return ProcessNode.NO_TIME;
            }
        }
        // Every event carries four of these: Instant.parse was 13% of a replay's samples; the
        // hand-made decoder gives the same value and defers to Instant.parse for other shapes.
        long millis = EventTimestamps.parse(text);
        return millis == EcsEvent.NO_TIMESTAMP ? ProcessNode.NO_TIME : millis;
    }

    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
