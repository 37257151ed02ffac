package dev.streamrules.tools.demo;

import dev.streamrules.tools.sim.FleetSimulator;
import dev.streamrules.tools.sim.SimulatedEvent;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The live demo and latency probe: simulated fleet traffic into Kafka at a steady rate, alerts read
 * back from Elasticsearch as soon as a search returns them. See {@link LiveFleetOptions#USAGE}.
 *
 * <p>Latency of an alert = the moment a search first returned its document minus the Kafka
 * timestamp of its source event. The producer stamps each record with its send time, so on a topic
 * with {@code CreateTime} timestamps (Kafka's default) that is the send time, slightly before the
 * broker appended it; on a {@code LogAppendTime} topic the broker's append time is used. Both
 * clocks are this machine's. Searches run every {@code --poll-interval}, so a latency can be that
 * much (plus one search round trip) above the moment the document became searchable.
 */
public final class LiveFleet {

    /** How far behind the newest detection time a poll still looks (documents are not searchable in order). */
    private static final long WINDOW_MARGIN_MS = 3_000;
    private static final long STATUS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** After Ctrl-C, stragglers get at most this long. */
    private static final Duration INTERRUPTED_GRACE = Duration.ofSeconds(10);

    private record Seen(AlertSearch.Hit hit, long seenMillis) {}

    private final LiveFleetOptions options;
    private final PrintStream out;
    private final AlertSearch search;
    private final long startMillis = System.currentTimeMillis();
    private final long startNanos = System.nanoTime();

    /** Expected alerts: source event id to the Kafka timestamp of the event (send time until acknowledged). */
    private final Map<String, Long> expected = new ConcurrentHashMap<>();
    private final Map<String, Seen> seenById = new ConcurrentHashMap<>();
    private final Map<String, Long> firstSeenBySource = new ConcurrentHashMap<>();
    /** Wall-clock time sending started; events sent before it plus the warm-up are not in the percentiles. */
    private volatile long sendingStartMillis;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    private volatile String firstSendError;
    private final AtomicLong polls = new AtomicLong();
    /** Expected alerts first seen since the last status line, and their largest latency. */
    private final AtomicLong intervalAlerts = new AtomicLong();
    private final AtomicLong intervalMaxLatency = new AtomicLong(-1);
    private final AtomicLong foundByScan = new AtomicLong();
    private volatile boolean stopSending;
    private volatile boolean stopPolling;
    private volatile boolean interrupted;

    LiveFleet(LiveFleetOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.search = new AlertSearch(options.esUrl(), options.index());
    }

    public static void main(String[] args) {
        LiveFleetOptions options;
        try {
            options = LiveFleetOptions.parse(args);
        } catch (LiveFleetOptions.UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("Run with --help for usage.");
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(LiveFleetOptions.USAGE);
            return;
        }
        LiveFleet fleet = new LiveFleet(options, System.out);
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            // Ctrl-C: stop sending, let main() collect stragglers and print the summary, then exit.
            fleet.interrupted = true;
            fleet.stopSending = true;
            try {
                done.await(INTERRUPTED_GRACE.toSeconds() + 30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "live-fleet-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int status;
        try {
            status = fleet.run();
        } catch (Exception e) {
            System.err.println("error: " + e.getMessage());
            status = 1;
        }
        System.out.flush();
        done.countDown();
        if (!fleet.interrupted) {
            // System.exit while shutdown hooks run would block: only exit on our own.
            System.exit(status);
        }
    }

    /** Sends, watches, reconciles; returns the exit status. */
    int run() throws Exception {
        long already = search.count();
        if (already > 0) {
            throw new IllegalStateException("index " + options.index() + " already holds " + already
                    + " documents: use a fresh index (--index) so the counts mean something");
        }
        FleetSimulator fleet = FleetSimulator.builder()
                .hosts(options.hosts())
                .unbounded()
                .seed(options.seed())
                .attackRate(options.attackRate())
                .nearMissRate(options.nearMissRate())
                .start(Instant.ofEpochMilli(startMillis))
                .eventsPerSecond(options.rate())
                .build();
        say(String.format("sending %s events/s from %d hosts to %s (%s) %s; seed %d; watching %s/%s",
                plain(options.rate()), options.hosts(), options.topic(), options.bootstrapServers(),
                options.unbounded() ? "until Ctrl-C" : "for " + options.duration().toSeconds() + " s",
                options.seed(), options.esUrl(), options.index()));

        Thread poller = new Thread(this::pollLoop, "live-fleet-poller");
        poller.setDaemon(true);
        poller.start();

        long sendingNanos;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
            if (producer.partitionsFor(options.topic()).isEmpty()) {
                throw new IllegalStateException("topic " + options.topic() + " has no partitions");
            }
            sendingNanos = produce(producer, fleet.iterator());
            producer.flush();
        }
        double seconds = sendingNanos / 1e9;
        Set<String> expectedIds = new HashSet<>(expected.keySet());
        say(String.format("sent %d events in %.1f s (%.0f events/s), %d acknowledged, %d failed; %d expected alerts",
                sent.get(), seconds, sent.get() / Math.max(seconds, 1e-9), acked.get(), sendFailures.get(), expectedIds.size()));

        Duration grace = interrupted && options.grace().compareTo(INTERRUPTED_GRACE) > 0 ? INTERRUPTED_GRACE : options.grace();
        long graceEnd = System.nanoTime() + grace.toNanos();
        while (!firstSeenBySource.keySet().containsAll(expectedIds) && System.nanoTime() < graceEnd) {
            Thread.sleep(50);
        }
        stopPolling = true;
        poller.join(15_000);

        // The authoritative count: every document in the index, whether a poll saw it or not.
        AlertTally tally = new AlertTally();
        long scanMillis = System.currentTimeMillis();
        for (AlertSearch.Hit hit : search.scanAll()) {
            tally.add(hit.sourceEventId(), hit.id());
            if (seenById.putIfAbsent(hit.id(), new Seen(hit, scanMillis)) == null && hit.sourceEventId() != null) {
                firstSeenBySource.putIfAbsent(hit.sourceEventId(), scanMillis);
                foundByScan.incrementAndGet();
            }
        }

        boolean ok = sendFailures.get() == 0 && tally.exactly(expectedIds);
        if (options.alertsTopic() != null) {
            ok &= checkAlertsTopic(expectedIds, graceEnd);
        }
        List<String> missing = tally.missing(expectedIds);
        List<String> unexpected = tally.unexpected(expectedIds);
        if (!missing.isEmpty()) {
            say("missing in Elasticsearch: " + missing.size() + " expected alerts, e.g. " + sample(missing));
        }
        if (!unexpected.isEmpty()) {
            say("unexpected in Elasticsearch: alerts for " + unexpected.size() + " events not planted as attacks, e.g. "
                    + sample(unexpected));
        }
        if (sendFailures.get() > 0) {
            say("send failures: " + sendFailures.get() + " (first: " + firstSendError + ")");
        }
        long warmupEnd = sendingStartMillis + options.warmup().toMillis();
        List<Long> latencies = latencies(expectedIds, warmupEnd);
        if (!options.warmup().isZero()) {
            say("warm-up: alerts of events sent in the first " + options.warmup().toSeconds() + " s ("
                    + (firstSeenBySource.size() - latencies.size()) + ") are left out of the percentiles");
        }
        say("search: " + polls.get() + " polls every " + options.pollInterval().toMillis() + " ms; "
                + foundByScan.get() + " alerts found only by a full scan");
        writeAlertLog();
        out.println(Percentiles.of(latencies).line());
        out.println(tally.line("Elasticsearch", expectedIds.size()));
        out.flush();
        return ok ? 0 : 1;
    }

    /** Sends at the configured rate until the duration ends or sending is stopped; returns the time spent. */
    private long produce(KafkaProducer<byte[], byte[]> producer, Iterator<SimulatedEvent> events) {
        long begin = System.nanoTime();
        sendingStartMillis = System.currentTimeMillis();
        long end = options.unbounded() ? Long.MAX_VALUE : begin + options.duration().toNanos();
        double perNano = options.rate() / 1e9;
        long nextStatus = begin + STATUS_EVERY_NANOS;
        long lastStatusSent = 0;
        long lastStatusAt = begin;
        long count = 0;
        while (!stopSending) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            long due = Math.min((long) ((now - begin) * perNano) + 1, Long.MAX_VALUE / 2);
            while (count < due && !stopSending) {
                send(producer, events.next());
                count++;
                if ((count & 1023) == 0 && System.nanoTime() >= end) {
                    break;
                }
            }
            now = System.nanoTime();
            if (now >= nextStatus) {
                double rate = (count - lastStatusSent) / ((now - lastStatusAt) / 1e9);
                long recent = intervalAlerts.getAndSet(0);
                long worst = intervalMaxLatency.getAndSet(-1);
                say(String.format("sent %d events (%.0f/s), %d attacks planted, %d alerts searchable; last %d s: %d alerts%s",
                        count, rate, expected.size(), firstSeenBySource.size(),
                        TimeUnit.NANOSECONDS.toSeconds(STATUS_EVERY_NANOS), recent,
                        worst < 0 ? "" : ", max latency " + worst + " ms"));
                lastStatusSent = count;
                lastStatusAt = now;
                nextStatus += STATUS_EVERY_NANOS;
            }
            long nextDue = begin + (long) (count / perNano);
            long wait = Math.min(nextDue, end) - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(5)));
            }
        }
        return System.nanoTime() - begin;
    }

    private void send(KafkaProducer<byte[], byte[]> producer, SimulatedEvent event) {
        long now = System.currentTimeMillis();
        String eventId = event.eventId();
        boolean attack = event.expectedAlert();
        if (attack) {
            expected.put(eventId, now);
        }
        sent.incrementAndGet();
        producer.send(new ProducerRecord<>(options.topic(), null, now,
                event.hostId().getBytes(StandardCharsets.UTF_8), event.jsonBytes()), (metadata, error) -> {
            if (error != null) {
                sendFailures.incrementAndGet();
                if (firstSendError == null) {
                    firstSendError = error.toString();
                }
                if (attack) {
                    expected.remove(eventId);
                }
            } else {
                acked.incrementAndGet();
                if (attack && metadata.hasTimestamp()) {
                    expected.put(eventId, metadata.timestamp());
                }
            }
        });
    }

    private Properties producerProperties() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(128L << 20));
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "live-fleet");
        return props;
    }

    /** Searches every poll interval; prints each alert the first time a search returns it. */
    private void pollLoop() {
        long interval = options.pollInterval().toNanos();
        long windowFrom = 0;
        long maxTimestamp = 0;
        long lastError = 0;
        long next = System.nanoTime();
        while (!stopPolling) {
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
                    say("search failed (will retry): " + e.getMessage());
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

    /** Records a document the first time it is seen and prints it; true when it was new. */
    private boolean record(AlertSearch.Hit hit, long seenAt) {
        if (seenById.putIfAbsent(hit.id(), new Seen(hit, seenAt)) != null) {
            return false;
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
            String leader = hit.entryLeader() == null ? "?" : hit.entryLeader()
                    + (hit.entryType() == null ? "" : " (" + hit.entryType() + ")");
            say(String.format("ALERT host %s  user %s  `%s`  entry leader %s  %s",
                    hit.hostName(), hit.userName(), hit.commandLine(), leader, latency));
        }
        return true;
    }

    private List<Long> latencies(Set<String> expectedIds, long fromAppendMillis) {
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

    private boolean checkAlertsTopic(Set<String> expectedIds, long graceEnd) {
        try (CommittedAlerts topic = new CommittedAlerts(options.bootstrapServers(), options.alertsTopic())) {
            do {
                topic.catchUp(Duration.ofSeconds(5));
                if (topic.tally().documents() >= expectedIds.size()) {
                    break;
                }
                Thread.sleep(500);
            } while (System.nanoTime() < graceEnd);
            topic.catchUp(Duration.ofSeconds(2));
            AlertTally tally = topic.tally();
            List<String> missing = tally.missing(expectedIds);
            say("alerts topic " + options.alertsTopic() + " (read_committed): " + tally.documents() + " records, "
                    + tally.duplicates() + " duplicates, " + missing.size() + " expected missing, "
                    + tally.unexpected(expectedIds).size() + " unexpected"
                    + (topic.unreadable() > 0 ? ", " + topic.unreadable() + " unreadable" : ""));
            return tally.exactly(expectedIds) && topic.unreadable() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            say("alerts topic " + options.alertsTopic() + ": cannot read it: " + e.getMessage());
            return false;
        }
    }

    private void writeAlertLog() throws IOException {
        if (options.alertLog() == null) {
            return;
        }
        List<Seen> all = new ArrayList<>(seenById.values());
        all.sort(Comparator.comparingLong(Seen::seenMillis));
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(Path.of(options.alertLog()), StandardCharsets.UTF_8))) {
            w.println("seen_ms,append_ms,latency_ms,host,event_id");
            for (Seen s : all) {
                Long appended = s.hit().sourceEventId() == null ? null : expected.get(s.hit().sourceEventId());
                w.println(s.seenMillis() + "," + (appended == null ? "" : appended) + ","
                        + (appended == null ? "" : s.seenMillis() - appended) + ","
                        + csv(s.hit().hostName()) + "," + csv(s.hit().sourceEventId()));
            }
        }
    }

    private static String csv(String s) {
        return s == null ? "" : s.replace(',', ' ').replace('\n', ' ');
    }

    private static String sample(List<String> ids) {
        return String.join(", ", ids.subList(0, Math.min(3, ids.size())));
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private void say(String line) {
        double t = (System.nanoTime() - startNanos) / 1e9;
        synchronized (out) {
            out.printf("[%6.1fs] %s%n", t, line);
            out.flush();
        }
    }
}
