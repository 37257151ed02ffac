package dev.streamrules.tools.bench;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.rule.index.RuleSet;
import dev.streamrules.udfs.tree.NodeStore;
import dev.streamrules.udfs.tree.ProcessNode;
import dev.streamrules.udfs.tree.ProcessTree;
import dev.streamrules.udfs.tree.ProcessTreeEnricher;
import dev.streamrules.udfs.tree.ProcessTreeSettings;
import dev.streamrules.udfs.tree.Resolution;
import dev.streamrules.udfs.tree.TreeMetrics;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * How many of the process tree's nodes each event reads from keyed state, the tree's main cost: each
 * such read is a map look-up that mostly misses the CPU cache (docs/benchmarks.md sections 15.4 and
 * 18). A count, not a time, so it does not move with the machine's load.
 *
 * <p>It runs the tree's pure core over the file's first lines in file order, one map per host, with
 * the tree's default settings, and counts the distinct nodes each event reads, as the operator's
 * store does (it reads a node from state at most once per event), by phase: learning the event,
 * resolving its entry leader, and listing the ancestors of the events the rules alert on. Events that
 * would wait for an ancestor are resolved at once (waiting is rare in a replay of the simulator's
 * file, and it changes when a node is read, not how many are).
 *
 * <p>{@code java -cp job/target/detection-job-local.jar:deploy/tools/target/streamrules-tools.jar
 * dev.streamrules.tools.bench.TreeReads FILE LINES RULES...}; ends with {@code tree-reads: E events,
 * X nodes read per event (learn L, resolve R, listing A over N alerted events), W written per event}:
 * the distinct nodes an event changed, which the operator's store writes to state once each.
 */
public final class TreeReads {

    private TreeReads() {}

    public static void main(String[] args) throws IOException {
        RuleBenchInput input = RuleBenchInput.read("TreeReads", args, false);
        RuleSet rules = RuleSet.singleEvent(input.rules());
        CountingStore store = new CountingStore();
        ProcessTree tree = new ProcessTree(store, ProcessTreeSettings.defaults(), TreeMetrics.NONE);
        ProcessTreeEnricher enricher = new ProcessTreeEnricher(rules.candidates(), rules.matches());
        Map<String, Map<String, ProcessNode>> hosts = new HashMap<>();
        long events = 0;
        long alerted = 0;
        for (EcsEvent event : input.events()) {
            if (!event.hasHost()) {
                continue;
            }
            events++;
            store.startEvent(hosts.computeIfAbsent(event.getHostId(), h -> new HashMap<>()));
            store.phase = Phase.LEARN;
            tree.learn(event, events); // the clock: one millisecond per event
            store.phase = Phase.RESOLVE;
            Resolution resolution = tree.resolve(event);
            store.phase = Phase.LISTING;
            EcsEvent enriched = enricher.enrich(event, resolution, -1);
            if (enriched.getEnrichment() != null) { // only alerted events get one, and the file's have none
                alerted++;
            }
        }
        long[] reads = store.reads;
        long all = reads[0] + reads[1] + reads[2];
        System.out.printf(
                "tree-reads: %d events, %.2f nodes read per event (learn %.2f, resolve %.2f, listing %.2f"
                        + " over %d alerted events), %.2f written per event%n",
                events,
                all / (double) events,
                reads[Phase.LEARN.ordinal()] / (double) events,
                reads[Phase.RESOLVE.ordinal()] / (double) events,
                reads[Phase.LISTING.ordinal()] / (double) Math.max(1, alerted),
                alerted,
                store.writes / (double) events);
    }

    private enum Phase {
        LEARN,
        RESOLVE,
        LISTING
    }

    /** One host's nodes at a time; counts each node's first read of an event, as the operator's store reads state. */
    private static final class CountingStore implements NodeStore {
        private final Set<String> readThisEvent = new HashSet<>();
        private final Set<String> writtenThisEvent = new HashSet<>();
        private long writes;
        private final long[] reads = new long[Phase.values().length];
        private Map<String, ProcessNode> nodes;
        private Phase phase = Phase.LEARN;

        void startEvent(Map<String, ProcessNode> host) {
            nodes = host;
            readThisEvent.clear();
            writtenThisEvent.clear();
        }

        @Override
        public ProcessNode get(String entityId) {
            if (readThisEvent.add(entityId)) {
                reads[phase.ordinal()]++;
            }
            return nodes.get(entityId);
        }

        @Override
        public void insert(String entityId, ProcessNode node) {
            // written and then known to the event: a later read of it in the same event reads no state
            readThisEvent.add(entityId);
            written(entityId);
            nodes.put(entityId, node);
        }

        /** The operator's store writes each changed node once, when the event is handled. */
        private void written(String entityId) {
            if (writtenThisEvent.add(entityId)) {
                writes++;
            }
        }

        @Override
        public void replace(String entityId, ProcessNode node) {
            written(entityId);
            nodes.put(entityId, node);
        }

        @Override
        public void remove(String entityId) {
            nodes.remove(entityId);
        }

        @Override
        public int size() {
            return nodes.size();
        }

        @Override
        public void forEach(BiConsumer<String, ProcessNode> action) {
            nodes.forEach(action);
        }
    }
}
