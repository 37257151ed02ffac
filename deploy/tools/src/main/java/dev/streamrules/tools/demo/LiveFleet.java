package dev.streamrules.tools.demo;

import dev.streamrules.tools.sim.FleetSimulator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;

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
 *
 * <p>The parts: {@link FleetProducer} sends, {@link AlertWatcher} polls and reconciles,
 * {@link AlertsTopicCheck} counts the alerts topic; this class runs them and reports.
 */
public final class LiveFleet {

    /** After Ctrl-C, stragglers get at most this long. */
    private static final Duration INTERRUPTED_GRACE = Duration.ofSeconds(10);

    private static final Duration GROUP_SETTLE = Duration.ofSeconds(5);

    /**
     * Without {@code --warmup}, a second latency line leaves out the alerts of events sent in the
     * first this long: the figure of a job past its warm-up, next to the whole run's.
     */
    static final Duration STEADY_AFTER = Duration.ofSeconds(15);

    private final LiveFleetOptions options;
    private final Console console;
    private final AlertSearch search;
    private final long startMillis = System.currentTimeMillis();

    /** Expected alerts: source event id to the Kafka timestamp of the event (send time until acknowledged). */
    private final Map<String, Long> expected = new ConcurrentHashMap<>();

    /** Expected sequence alerts: the truth lines ({@code SEQ <rule_id> <event ids>}) of planted sequence attacks. */
    private final Set<String> expectedSequences = ConcurrentHashMap.newKeySet();

    private final AlertWatcher watcher;
    private final FleetProducer producer;
    private volatile boolean interrupted;

    LiveFleet(LiveFleetOptions options, PrintStream out) {
        this.options = options;
        this.console = new Console(out);
        this.search = new AlertSearch(options.esUrl(), options.index());
        this.watcher = new AlertWatcher(options, search, expected, console);
        this.producer = new FleetProducer(options, expected, expectedSequences, watcher, console);
    }

    public static void main(String[] args) {
        LiveFleetOptions options;
        try {
            options = LiveFleetOptions.parse(args);
        } catch (LiveFleetOptions.UsageException e) {
            System.err.println("error: " + e.getMessage().replace("\n", "\nerror: "));
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
        Thread hook = new Thread(
                () -> {
                    // Ctrl-C: stop sending, let main() collect stragglers and print the summary, then exit.
                    fleet.interrupted = true;
                    fleet.producer.stop();
                    try {
                        done.await(INTERRUPTED_GRACE.toSeconds() + 30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "live-fleet-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int status;
        try {
            status = fleet.run();
        } catch (Exception e) {
            System.err.println("error: " + e.getMessage().replace("\n", "\nerror: "));
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
                .sequenceAttackRate(options.sequenceAttackRate())
                .start(Instant.ofEpochMilli(startMillis))
                .eventsPerSecond(options.rate())
                .build();
        console.say(String.format(
                "sending %s events/s from %d hosts to %s (%s) %s; seed %d; watching %s/%s",
                plain(options.rate()),
                options.hosts(),
                options.topic(),
                options.bootstrapServers(),
                options.unbounded()
                        ? "until Ctrl-C"
                        : "for " + options.duration().toSeconds() + " s",
                options.seed(),
                options.esUrl(),
                options.index()));

        Thread poller = new Thread(watcher, "live-fleet-poller");
        poller.setDaemon(true);
        poller.start();

        long sendingNanos;
        try (KafkaProducer<byte[], byte[]> kafka =
                new KafkaProducer<>(FleetProducer.producerProperties(options.bootstrapServers()))) {
            if (kafka.partitionsFor(options.topic()).isEmpty()) {
                throw new IllegalStateException("topic " + options.topic() + " has no partitions");
            }
            sendingNanos = producer.produce(kafka, fleet.iterator());
            if (tracksSequences()) {
                producer.sendClock(kafka);
            }
            kafka.flush();
        }
        double seconds = sendingNanos / 1e9;
        Set<String> expectedIds = new HashSet<>(expected.keySet());
        Set<String> sequenceIds = new HashSet<>(expectedSequences);
        console.say(String.format(
                "sent %d events in %.1f s (%.0f events/s), %d acknowledged, %d failed; %d expected alerts%s",
                producer.sent(),
                seconds,
                producer.sent() / Math.max(seconds, 1e-9),
                producer.acked(),
                producer.failures(),
                expectedIds.size(),
                tracksSequences() ? ", " + sequenceIds.size() + " expected sequences" : ""));

        Duration grace =
                interrupted && options.grace().compareTo(INTERRUPTED_GRACE) > 0 ? INTERRUPTED_GRACE : options.grace();
        long graceEnd = System.nanoTime() + grace.toNanos();
        while ((!watcher.sawAll(expectedIds) || watcher.sequencesSeen() < sequenceIds.size())
                && System.nanoTime() < graceEnd) {
            Thread.sleep(50);
        }
        watcher.stop();
        poller.join(15_000);

        AlertTally tally = watcher.scanAll();
        SequenceCheck sequences = tracksSequences() ? settledSequences(sequenceIds, graceEnd) : null;
        boolean ok =
                producer.failures() == 0 && tally.exactly(expectedIds) && (sequences == null || sequences.exactly());
        if (options.alertsTopic() != null) {
            ok &= AlertsTopicCheck.exactlyOnce(
                    options.bootstrapServers(), options.alertsTopic(), expectedIds, sequenceIds, graceEnd, console);
        }
        report(tally, expectedIds, sequences);
        return ok ? 0 : 1;
    }

    /**
     * The sequence groups in Elasticsearch once they are complete, or as they are when the grace ends
     * (at least {@link #GROUP_SETTLE} after the wait for every shell ended), searched again every
     * {@code --poll-interval}. A shell and its building blocks are separate documents: the sink may
     * flush them in different bulk requests and a refresh may fall between them, so a group read the
     * moment its shell appears can still lack a block.
     */
    private SequenceCheck settledSequences(Set<String> sequenceIds, long graceEnd)
            throws IOException, InterruptedException {
        long end = Math.max(graceEnd, System.nanoTime() + GROUP_SETTLE.toNanos());
        while (true) {
            SequenceCheck check = SequenceCheck.of(AlertGroups.of(search.scanGroupDocuments()), sequenceIds);
            if (check.exactly() || System.nanoTime() >= end) {
                return check;
            }
            Thread.sleep(options.pollInterval().toMillis());
        }
    }

    /** Sequence attacks are planted, so sequence alerts are expected (the job must run deploy/rules/sequences). */
    private boolean tracksSequences() {
        return options.sequenceAttackRate() > 0;
    }

    /** What went wrong, how the alerts were found, then the two summary lines scripts parse. */
    private void report(AlertTally tally, Set<String> expectedIds, SequenceCheck sequences) throws IOException {
        List<String> missing = tally.missing(expectedIds);
        List<String> unexpected = tally.unexpected(expectedIds);
        if (!missing.isEmpty()) {
            console.say("missing in Elasticsearch: " + missing.size() + " expected alerts, e.g. " + sample(missing));
        }
        if (!unexpected.isEmpty()) {
            console.say("unexpected in Elasticsearch: alerts for " + unexpected.size()
                    + " events not planted as attacks, e.g. " + sample(unexpected));
        }
        if (sequences != null && !sequences.exactly()) {
            console.say("sequences in Elasticsearch: " + sequences.problems());
        }
        if (producer.failures() > 0) {
            console.say("send failures: " + producer.failures() + " (first: " + producer.firstError() + ")");
        }
        long warmupEnd = producer.sendingStartMillis() + options.warmup().toMillis();
        List<Long> latencies = watcher.latencies(expectedIds, warmupEnd);
        if (!options.warmup().isZero()) {
            console.say("warm-up: alerts of events sent in the first "
                    + options.warmup().toSeconds() + " s (" + (watcher.searchable() - latencies.size())
                    + ") are left out of the percentiles");
        }
        console.say("search: " + watcher.polls() + " polls every "
                + options.pollInterval().toMillis() + " ms; " + watcher.foundByScan()
                + " alerts found only by a full scan");
        if (options.alertLog() != null) {
            watcher.writeAlertLog(Path.of(options.alertLog()));
        }
        console.println(Percentiles.of(latencies).line());
        if (options.warmup().isZero()) {
            // The job's JIT compiles while the first events arrive: say what a running job delivers too.
            List<Long> steady = watcher.latencies(expectedIds, producer.sendingStartMillis() + STEADY_AFTER.toMillis());
            if (!steady.isEmpty() && steady.size() < latencies.size()) {
                console.println(Percentiles.of(steady)
                        .line("steady-state latency ms (events sent after the first " + STEADY_AFTER.toSeconds()
                                + " s)"));
            }
        }
        // One line for scripts: single-event alerts, then (when planted) sequence alerts.
        console.println(tally.line("Elasticsearch", expectedIds.size())
                + (sequences == null ? "" : "; " + sequences.line("Elasticsearch")));
    }

    private static String sample(List<String> ids) {
        return String.join(", ", ids.subList(0, Math.min(3, ids.size())));
    }

    private static String plain(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
