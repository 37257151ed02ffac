package dev.streamrules.tools.demo;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Sequence alerts compared with the simulator's ground truth ({@code SEQ <rule_id> <event ids>} lines
 * of the planted attacks): how many expected sequences have a shell alert, which shells were not
 * expected (a near miss that alerted), duplicates, and groups whose building blocks do not list the
 * shell's members.
 */
record SequenceCheck(
        int found, int expected, List<String> missing, List<String> unexpected, int duplicates, int badGroups) {

    static SequenceCheck of(AlertGroups groups, Collection<String> truthLines) {
        Set<String> want = new HashSet<>(truthLines);
        Set<String> shells = new HashSet<>(groups.shellLines());
        List<String> missing =
                want.stream().filter(l -> !shells.contains(l)).sorted().toList();
        List<String> unexpected =
                shells.stream().filter(l -> !want.contains(l)).sorted().toList();
        int badGroups = 0;
        var blocks = groups.blockMembers();
        for (var shell : groups.shellMembers().entrySet()) {
            if (!shell.getValue().equals(blocks.get(shell.getKey()))) {
                badGroups++;
            }
        }
        badGroups += (int) blocks.keySet().stream()
                .filter(g -> !groups.shellMembers().containsKey(g))
                .count();
        return new SequenceCheck(
                want.size() - missing.size(), want.size(), missing, unexpected, groups.sequenceDuplicates(), badGroups);
    }

    /** True when every expected sequence alerted once, completely, and nothing else did. */
    boolean exactly() {
        return missing.isEmpty() && unexpected.isEmpty() && duplicates == 0 && badGroups == 0;
    }

    /** {@code sequences: X in Elasticsearch, Y expected, Z duplicates}. */
    String line(String where) {
        return "sequences: " + (found + unexpected.size()) + " in " + where + ", " + expected + " expected, "
                + duplicates + " duplicates";
    }

    /** What is wrong, one clause each; empty when {@link #exactly()}. */
    String problems() {
        StringBuilder b = new StringBuilder();
        if (!missing.isEmpty()) {
            b.append(missing.size())
                    .append(" expected sequences missing, e.g. ")
                    .append(missing.get(0));
        }
        if (!unexpected.isEmpty()) {
            b.append(b.isEmpty() ? "" : "; ")
                    .append(unexpected.size())
                    .append(" sequences not planted as attacks, e.g. ")
                    .append(unexpected.get(0));
        }
        if (badGroups > 0) {
            b.append(b.isEmpty() ? "" : "; ").append(badGroups).append(" groups whose building blocks differ");
        }
        return b.toString();
    }
}
