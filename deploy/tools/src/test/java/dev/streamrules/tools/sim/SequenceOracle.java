package dev.streamrules.tools.sim;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The two rules of {@code deploy/rules/sequences}, step conditions and joins written out by hand, and a
 * brute-force search for their sequences: every pair of step events with the same join key within
 * maxspan, not broken by an {@code until} event of the key. On the simulator's fleets, where no key
 * sees two first steps, that is what Elasticsearch's matcher returns too.
 */
final class SequenceOracle {

    private static final List<String> WRITABLE = List.of("/tmp/", "/var/tmp/", "/dev/shm/", "/home/", "/run/user/");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh");

    private SequenceOracle() {}

    static boolean escalationStart(Parsed p) {
        String executable = p.get("process.executable");
        return exec(p)
                && p.get("user.id") != null
                && !p.get("user.id").equals("0")
                && executable != null
                && WRITABLE.stream().anyMatch(executable::startsWith);
    }

    static boolean becameRoot(Parsed p) {
        return linux(p)
                && p.all("event.type").contains("change")
                && "uid_change".equals(p.get("event.action"))
                && "0".equals(p.get("user.id"));
    }

    static boolean pythonOneLiner(Parsed p) {
        return exec(p)
                && p.get("process.name").startsWith("python")
                && p.all("process.args").contains("-c");
    }

    static boolean interactiveShell(Parsed p) {
        return exec(p)
                && SHELLS.contains(p.get("process.name"))
                && p.all("process.args").contains("-i");
    }

    static boolean ended(Parsed p) {
        return linux(p) && "end".equals(p.get("event.action"));
    }

    /** Truth lines ({@code SEQ <rule_id> <ids>}) of every sequence of either rule in {@code events}. */
    static Set<String> matches(List<Parsed> events) {
        List<Parsed> byTime = events.stream()
                .sorted(Comparator.comparing(p -> p.sim().timestamp()))
                .toList();
        Set<String> found = new TreeSet<>();
        for (Parsed root : only(byTime, SequenceOracle::becameRoot)) {
            for (Parsed start : only(byTime, SequenceOracle::escalationStart)) {
                if (same(start, "process.entity_id", root, "process.entity_id")
                        && within(start, root, SequenceRules.PRIVILEGE_ESCALATION_MAXSPAN_MILLIS)) {
                    found.add(line(SequenceRules.PRIVILEGE_ESCALATION, start, root));
                }
            }
        }
        List<Parsed> ends = only(byTime, SequenceOracle::ended);
        for (Parsed shell : only(byTime, SequenceOracle::interactiveShell)) {
            for (Parsed python : only(byTime, SequenceOracle::pythonOneLiner)) {
                if (same(python, "process.entity_id", shell, "process.parent.entity_id")
                        && within(python, shell, SequenceRules.PYTHON_INTERACTIVE_SHELL_MAXSPAN_MILLIS)
                        && ends.stream()
                                .noneMatch(end -> same(python, "process.entity_id", end, "process.entity_id")
                                        && within(python, end, Long.MAX_VALUE)
                                        && within(end, shell, Long.MAX_VALUE))) {
                    found.add(line(SequenceRules.PYTHON_INTERACTIVE_SHELL, python, shell));
                }
            }
        }
        return found;
    }

    private static boolean exec(Parsed p) {
        return linux(p) && p.all("event.type").contains("start") && "exec".equals(p.get("event.action"));
    }

    private static boolean linux(Parsed p) {
        return "linux".equals(p.get("host.os.type"));
    }

    private static List<Parsed> only(List<Parsed> events, Predicate<Parsed> condition) {
        return events.stream().filter(condition).collect(Collectors.toList());
    }

    /** Both join keys: the rule's {@code by host.id} and the step fields. */
    private static boolean same(Parsed a, String fieldOfA, Parsed b, String fieldOfB) {
        return a.get("host.id").equals(b.get("host.id"))
                && a.get(fieldOfA) != null
                && a.get(fieldOfA).equals(b.get(fieldOfB));
    }

    /** {@code second} at or after {@code first} (milliseconds, as Elasticsearch compares), at most {@code span} later. */
    private static boolean within(Parsed first, Parsed second, long span) {
        long gap = second.sim().timestamp().toEpochMilli()
                - first.sim().timestamp().toEpochMilli();
        return first != second && gap >= 0 && gap <= span;
    }

    private static String line(String ruleId, Parsed first, Parsed last) {
        return "SEQ " + ruleId + " " + first.sim().eventId() + "," + last.sim().eventId();
    }
}
