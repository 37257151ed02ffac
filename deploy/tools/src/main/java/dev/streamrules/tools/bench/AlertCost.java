package dev.streamrules.tools.bench;

import dev.streamrules.udfs.alert.AlertBuilder;
import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.rule.DetectionRule;
import dev.streamrules.udfs.rule.index.RuleSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What building an alert document costs, warm: parses the first lines of an NDJSON file with the
 * rules' projection, keeps every (event, rule) pair the rules match, then builds those alerts round
 * after round. The events carry no process-tree enrichment; the job adds a small object to each.
 *
 * <p>{@code java -cp job/target/detection-job-local.jar:deploy/tools/target/streamrules-tools.jar
 * dev.streamrules.tools.bench.AlertCost FILE LINES ROUNDS RULES...}; ends with {@code alert-cost: A
 * alerts, X µs per alert (median of rounds 3 to N), D characters per document}. The classes come from
 * the first jar on the class path, so the same command compares two builds.
 */
public final class AlertCost {

    private AlertCost() {}

    public static void main(String[] args) throws IOException {
        RuleBenchInput input = RuleBenchInput.read("AlertCost", args);
        List<DetectionRule> rules = input.rules();
        List<EcsEvent> events = input.events();
        int rounds = input.rounds();

        Map<String, AlertBuilder> builders = new HashMap<>();
        rules.forEach(rule -> builders.put(rule.ruleId(), new AlertBuilder(rule)));
        List<EcsEvent> alerted = new ArrayList<>();
        List<AlertBuilder> by = new ArrayList<>();
        RuleSet set = RuleSet.singleEvent(rules);
        for (EcsEvent event : events) {
            set.forEachMatch(event, rule -> {
                alerted.add(event);
                by.add(builders.get(rule.ruleId()));
            });
        }
        if (alerted.isEmpty()) {
            System.err.println("no rule matches any of the first " + args[1] + " lines: nothing to measure");
            System.exit(1);
        }

        double[] perAlert = new double[rounds];
        long characters = 0;
        for (int round = 0; round < rounds; round++) {
            characters = 0;
            long start = System.nanoTime();
            for (int i = 0; i < alerted.size(); i++) {
                characters += by.get(i)
                        .build(alerted.get(i), start / 1_000_000)
                        .getDocument()
                        .length();
            }
            perAlert[round] = (System.nanoTime() - start) / 1e3 / alerted.size();
            System.err.printf("round %d: %.1f µs per alert%n", round + 1, perAlert[round]);
        }
        System.err.printf(
                "alert-cost: %d alerts, %.1f µs per alert (median of rounds %d to %d), %d characters per document%n",
                alerted.size(),
                WarmRounds.warmMedian(perAlert),
                WarmRounds.WARM_FROM_ROUND,
                rounds,
                characters / alerted.size());
    }
}
