package dev.streamrules.tools.bench;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.rule.DetectionRule;
import dev.streamrules.udfs.rule.index.RuleIndex;
import dev.streamrules.udfs.rule.index.RuleSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What a rule set costs per event, warm, apart from the rest of the job: parses the first lines of an
 * NDJSON file with the set's field projection, then runs rounds that each ask the whole set for every
 * event's matches, as the job does once per event. Each round uses a fresh copy of the set, since a
 * set remembers its verdict on the event.
 *
 * <p>Then, per rule, the time of its condition on the events the index names it a candidate for, one
 * rule after another over all of them: the events are colder there than in the job, which checks all
 * of an event's candidates while it is in cache, so these figures rank the rules against each other
 * rather than add up to the whole set's.
 *
 * <p>{@code java -cp job/target/detection-job-local.jar:deploy/tools/target/streamrules-tools.jar
 * dev.streamrules.tools.bench.RuleCost FILE LINES ROUNDS RULES...} (RULES: files or folders, as
 * {@code --rules}); ends with {@code rule-cost: R rules, C candidates per event, X µs/event (median of
 * rounds 3 to N, L events)}.
 */
public final class RuleCost {

    private static final int TOP = 15;

    private RuleCost() {}

    public static void main(String[] args) throws IOException {
        RuleBenchInput input = RuleBenchInput.read("RuleCost", args);
        List<DetectionRule> rules = input.rules();
        List<EcsEvent> events = input.events();
        int rounds = input.rounds();

        double[] perEvent = new double[rounds];
        long matching = 0;
        for (int round = 0; round < rounds; round++) {
            RuleSet set = RuleSet.singleEvent(rules);
            matching = 0;
            long start = System.nanoTime();
            for (EcsEvent event : events) {
                matching += set.anyMatch(event) ? 1 : 0;
            }
            perEvent[round] = (System.nanoTime() - start) / 1e3 / events.size();
            System.err.printf("round %d: %.2f µs/event, %d events matching%n", round + 1, perEvent[round], matching);
        }

        RuleSet set = RuleSet.singleEvent(rules);
        List<List<EcsEvent>> candidates = candidates(set, events);
        long[] nanos = new long[set.rules().size()];
        for (int round = 0; round < rounds; round++) {
            for (int r = 0; r < nanos.length; r++) {
                DetectionRule rule = set.rules().get(r);
                long start = System.nanoTime();
                for (EcsEvent event : candidates.get(r)) {
                    matching += rule.matches(event) ? 1 : 0;
                }
                nanos[r] = System.nanoTime() - start; // the last round's, warm
            }
        }
        printCostliest(set, candidates, nanos, events.size());
        double checks = candidates.stream().mapToInt(List::size).sum() / (double) events.size();
        System.err.printf(
                "rule-cost: %d rules, %.1f candidates per event, %.2f µs/event (median of rounds %d to %d, %d events;"
                        + " checksum %d)%n",
                set.rules().size(),
                checks,
                WarmRounds.warmMedian(perEvent),
                WarmRounds.WARM_FROM_ROUND,
                rounds,
                events.size(),
                matching);
    }

    /** Per rule, the events the index names it a candidate for. */
    private static List<List<EcsEvent>> candidates(RuleSet set, List<EcsEvent> events) {
        List<List<EcsEvent>> candidates = new ArrayList<>();
        for (int r = 0; r < set.rules().size(); r++) {
            candidates.add(new ArrayList<>());
        }
        for (EcsEvent event : events) {
            set.index().forEachCandidate(event, r -> candidates.get(r).add(event));
        }
        return candidates;
    }

    /** The rules that cost most per event (checks times their cost), with their cost per check. */
    private static void printCostliest(RuleSet set, List<List<EcsEvent>> candidates, long[] nanos, int events) {
        RuleIndex index = set.index();
        IntStream.range(0, nanos.length)
                .boxed()
                .sorted(Comparator.comparingLong((Integer r) -> nanos[r]).reversed())
                .limit(TOP)
                .forEach(r -> System.err.printf(
                        "  %6.3f µs/event: %5.0f ns per check, %7d candidates  %s  [filed under %s]%n",
                        nanos[r] / 1e3 / events,
                        candidates.get(r).isEmpty()
                                ? 0.0
                                : (double) nanos[r] / candidates.get(r).size(),
                        candidates.get(r).size(),
                        set.rules().get(r).name(),
                        index.clauseOf(r) == null
                                ? "no clause: every event"
                                : index.clauseOf(r).field()));
    }
}
