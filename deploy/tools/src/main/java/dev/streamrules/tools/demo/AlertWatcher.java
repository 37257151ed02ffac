package dev.streamrules.tools.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches the alerts index: searches every poll interval (on its own thread), notes the moment each
 * alert document is first returned, prints it, and at the end reconciles with a full scan. Latency
 * of an alert = first seen minus the Kafka timestamp of its source event ({@code expected}).
 */
final class AlertWatcher implements Runnable {

    /** How far behind the newest detection time a poll still looks (documents are not searchable in order). */
    private static final long WINDOW_MARGIN_MS = 3_000;

    private record Seen(AlertSearch.Hit hit, long seenMillis) {}

    private final LiveFleetOptions options;
    private final AlertSearch search;
    private final Map<String, Long> expected;
    private final Console console;

    private final Map<String, Seen> seenById = new ConcurrentHashMap<>();
    private final Map<String, Long> firstSeenBySource = new ConcurrentHashMap<>();
    private final AtomicLong polls = new AtomicLong();
    /** Expected alerts first seen since the last status line, and their largest latency. */
    private final AtomicLong intervalAlerts = new AtomicLong();

    private final AtomicLong intervalMaxLatency = new AtomicLong(-1);
    private final AtomicLong foundByScan = new AtomicLong();
    /** Sequence (shell) alerts seen; their members are checked at the end ({@link AlertGroups}). */
    private final AtomicLong sequencesSeen = new AtomicLong();

    private volatile boolean stopped;

    AlertWatcher(LiveFleetOptions options, AlertSearch search, Map<String, Long> expected, Console console) {
        this.options = options;
        this.search = search;
        this.expected = expected;
        this.console = console;
    }

    /** Searches every poll interval until {@link #stop()}. */
    @Override
    public void run() {
        long interval = options.pollInterval().toNanos();
        long windowFrom = 0;
        long maxTimestamp = 0;
        long lastError = 0;
        long next = System.nanoTime();
        while (!stopped) {
            try {
                AlertSearch.Poll poll = search.poll(windowFrom);
                long seenAt = System.currentTimeMillis();
                polls.incrementAndGet();
                for (AlertSearch.Hit hit : poll.hits()) {
                    maxTimestamp = Math.max(maxTimestamp, hit.timestampMillis());
                    record(hit, seenAt);
                }
                if (poll.indexTotal() > seenById.size()) {
                    // Some searchable document is older than the window: find it now, not at the end.
                    List<AlertSearch.Hit> all = search.scanAll();
                    long scannedAt = System.currentTimeMillis();
                    for (AlertSearch.Hit hit : all) {
                        maxTimestamp = Math.max(maxTimestamp, hit.timestampMillis());
                        if (record(hit, scannedAt)) {
                            foundByScan.incrementAndGet();
                        }
                    }
                }
                windowFrom = Math.max(0, maxTimestamp - WINDOW_MARGIN_MS);
            } catch (IOException e) {
                long now = System.nanoTime();
                if (now - lastError > TimeUnit.SECONDS.toNanos(5)) {
                    console.say("search failed (will retry): " + e.getMessage());
                    lastError = now;
                }
            } catch (InterruptedException e) {
                return;
            }
            next += interval;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                next = System.nanoTime();
            }
        }
    }

    void stop() {
        stopped = true;
    }

    /** Records a document the first time it is seen and prints it; true when it was new. */
    private boolean record(AlertSearch.Hit hit, long seenAt) {
        if (seenById.putIfAbsent(hit.id(), new Seen(hit, seenAt)) != null) {
            return false;
        }
        if (hit.inGroup()) {
            if (!hit.buildingBlock()) {
                sequencesSeen.incrementAndGet();
                if (!options.quiet()) {
                    console.say("SEQUENCE ALERT host " + hit.hostName() + "  user " + hit.userName() + "  group "
                            + hit.groupId());
                }
            }
            return true;
        }
        if (hit.sourceEventId() != null) {
            firstSeenBySource.putIfAbsent(hit.sourceEventId(), seenAt);
        }
        Long appended = hit.sourceEventId() == null ? null : expected.get(hit.sourceEventId());
        if (appended != null) {
            intervalAlerts.incrementAndGet();
            intervalMaxLatency.accumulateAndGet(seenAt - appended, Math::max);
        }
        if (!options.quiet()) {
            String latency = appended == null ? "not an expected alert" : "latency " + (seenAt - appended) + " ms";
            String leader = hit.entryLeader() == null
                    ? "?"
                    : hit.entryLeader() + (hit.entryType() == null ? "" : " (" + hit.entryType() + ")");
            console.say(String.format(
                    "ALERT host %s  user %s  `%s`  entry leader %s  %s",
                    hit.hostName(), hit.userName(), hit.commandLine(), leader, latency));
        }
        return true;
    }

    /**
     * The authoritative count: every document in the index, whether a poll saw it or not. Documents
     * no poll saw count as seen now.
     */
    AlertTally scanAll() throws IOException, InterruptedException {
        AlertTally tally = new AlertTally();
        long scanMillis = System.currentTimeMillis();
        for (AlertSearch.Hit hit : search.scanAll()) {
            if (hit.inGroup()) {
                // sequence alerts are counted against the sequence truth, by their members
                seenById.putIfAbsent(hit.id(), new Seen(hit, scanMillis));
                continue;
            }
            tally.add(hit.sourceEventId(), hit.id());
            if (seenById.putIfAbsent(hit.id(), new Seen(hit, scanMillis)) == null && hit.sourceEventId() != null) {
                firstSeenBySource.putIfAbsent(hit.sourceEventId(), scanMillis);
                foundByScan.incrementAndGet();
            }
        }
        return tally;
    }

    boolean sawAll(Set<String> expectedIds) {
        return firstSeenBySource.keySet().containsAll(expectedIds);
    }

    long sequencesSeen() {
        return sequencesSeen.get();
    }

    /** Source events with an alert seen so far. */
    long searchable() {
        return firstSeenBySource.size();
    }

    long takeIntervalAlerts() {
        return intervalAlerts.getAndSet(0);
    }

    /** Largest latency since the last call, -1 for none. */
    long takeIntervalMaxLatency() {
        return intervalMaxLatency.getAndSet(-1);
    }

    long polls() {
        return polls.get();
    }

    long foundByScan() {
        return foundByScan.get();
    }

    /** Latencies of the expected alerts whose event was sent at or after {@code fromAppendMillis}. */
    List<Long> latencies(Set<String> expectedIds, long fromAppendMillis) {
        List<Long> out = new ArrayList<>();
        for (String id : expectedIds) {
            Long seen = firstSeenBySource.get(id);
            Long appended = expected.get(id);
            if (seen != null && appended != null && appended >= fromAppendMillis) {
                out.add(seen - appended);
            }
        }
        return out;
    }

    /** One CSV line per alert document, in the order they were first seen. */
    void writeAlertLog(Path file) throws IOException {
        List<Seen> all = new ArrayList<>(seenById.values());
        all.sort(Comparator.comparingLong(Seen::seenMillis));
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            // detected_ms: the alert's @timestamp (the rule operator's clock); tree_wait_ms: how long the
            // process tree held the event for a missing parent (-1: it did not).
            w.println("seen_ms,append_ms,latency_ms,host,event_id,detected_ms,tree_wait_ms");
            for (Seen s : all) {
                Long appended = s.hit().sourceEventId() == null
                        ? null
                        : expected.get(s.hit().sourceEventId());
                w.println(s.seenMillis() + "," + (appended == null ? "" : appended) + ","
                        + (appended == null ? "" : s.seenMillis() - appended) + ","
                        + csv(s.hit().hostName()) + "," + csv(s.hit().sourceEventId()) + ","
                        + s.hit().timestampMillis() + "," + s.hit().treeWaitMillis());
            }
        }
    }

    private static String csv(String s) {
        return s == null ? "" : s.replace(',', ' ').replace('\n', ' ');
    }
}
