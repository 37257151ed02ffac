package dev.streamrules.tools.demo;

import dev.streamrules.tools.sim.PlantedSequence;
import dev.streamrules.tools.sim.SimulatedEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends simulated events to Kafka at a steady rate, keyed by host, stamped with the send time, and
 * records each planted attack in {@code expected} (event id to the Kafka timestamp of its record) and
 * each planted sequence attack in {@code expectedSequences} (its truth line).
 */
final class FleetProducer {

    private static final long STATUS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
    /**
     * The shortest pause between bursts. Pausing until each next event's turn woke the thread once
     * per event (5,000 times a second at 5,000 events/s), and on this project's virtual machines the
     * wake-ups cost a third of the tool's sending thread; a burst every 2 ms keeps the rate, and each
     * record still carries its own send time.
     */
    private static final long MIN_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final LiveFleetOptions options;
    private final Map<String, Long> expected;
    private final Set<String> expectedSequences;
    private final AlertWatcher watcher;
    private final Console console;

    /** Wall-clock time sending started; events sent before it plus the warm-up are not in the percentiles. */
    private volatile long sendingStartMillis;

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile String firstError;
    private volatile boolean stopped;
    /** The latest {@code @timestamp} sent, for {@link #sendClock}. */
    private volatile Instant latestEventTime = Instant.EPOCH;

    FleetProducer(
            LiveFleetOptions options,
            Map<String, Long> expected,
            Set<String> expectedSequences,
            AlertWatcher watcher,
            Console console) {
        this.options = options;
        this.expected = expected;
        this.expectedSequences = expectedSequences;
        this.watcher = watcher;
        this.console = console;
    }

    /** Sends at the configured rate until the duration ends or {@link #stop()}; returns the time spent. */
    long produce(KafkaProducer<byte[], byte[]> producer, Iterator<SimulatedEvent> events) {
        long begin = System.nanoTime();
        sendingStartMillis = System.currentTimeMillis();
        long end = options.unbounded()
                ? Long.MAX_VALUE
                : begin + options.duration().toNanos();
        double perNano = options.rate() / 1e9;
        long nextStatus = begin + STATUS_EVERY_NANOS;
        long lastStatusSent = 0;
        long lastStatusAt = begin;
        long count = 0;
        while (!stopped) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            long due = Math.min((long) ((now - begin) * perNano) + 1, Long.MAX_VALUE / 2);
            while (count < due && !stopped) {
                send(producer, events.next());
                count++;
                if ((count & 1023) == 0 && System.nanoTime() >= end) {
                    break;
                }
            }
            now = System.nanoTime();
            if (now >= nextStatus) {
                double rate = (count - lastStatusSent) / ((now - lastStatusAt) / 1e9);
                long recent = watcher.takeIntervalAlerts();
                long worst = watcher.takeIntervalMaxLatency();
                console.say(String.format(
                        "sent %d events (%.0f/s), %d attacks planted, %d alerts searchable; last %d s: %d alerts%s",
                        count,
                        rate,
                        expected.size(),
                        watcher.searchable(),
                        TimeUnit.NANOSECONDS.toSeconds(STATUS_EVERY_NANOS),
                        recent,
                        worst < 0 ? "" : ", max latency " + worst + " ms"));
                lastStatusSent = count;
                lastStatusAt = now;
                nextStatus += STATUS_EVERY_NANOS;
            }
            long nextDue = begin + (long) (count / perNano);
            long wait = Math.min(nextDue, end) - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(Math.min(Math.max(wait, MIN_PAUSE_NANOS), MAX_PAUSE_NANOS));
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
        PlantedSequence completed = event.completes();
        String sequence = completed != null && completed.expectedAlert() ? completed.truthLine() : null;
        if (sequence != null) {
            expectedSequences.add(sequence);
        }
        if (event.timestamp().isAfter(latestEventTime)) {
            latestEventTime = event.timestamp();
        }
        sent.incrementAndGet();
        producer.send(
                new ProducerRecord<>(
                        options.topic(), null, now, event.hostId().getBytes(StandardCharsets.UTF_8), event.jsonBytes()),
                (metadata, error) -> {
                    if (error != null) {
                        failures.incrementAndGet();
                        if (firstError == null) {
                            firstError = error.toString();
                        }
                        if (attack) {
                            expected.remove(eventId);
                        }
                        if (sequence != null) {
                            expectedSequences.remove(sequence); // a member may be lost: no longer a promise
                        }
                    } else {
                        acked.incrementAndGet();
                        if (attack && metadata.hasTimestamp()) {
                            expected.put(eventId, metadata.timestamp());
                        }
                    }
                });
    }

    /**
     * One clock event per partition, a minute after the latest event sent: sequences complete when the
     * job's event-time watermark passes their last event, and with the traffic stopped nothing else
     * would move it. The clock event is no attack: an {@code event.action} no rule reads.
     */
    void sendClock(KafkaProducer<byte[], byte[]> producer) {
        Instant at = latestEventTime.plusSeconds(60);
        int partitions = producer.partitionsFor(options.topic()).size();
        for (int p = 0; p < partitions; p++) {
            String json = "{\"@timestamp\":\"" + at + "\",\"event\":{\"kind\":\"event\",\"category\":[\"process\"],"
                    + "\"type\":[\"info\"],\"action\":\"live-fleet-clock\",\"id\":\"live-fleet-clock-" + p + "\"},"
                    + "\"host\":{\"id\":\"live-fleet-clock\",\"os\":{\"type\":\"linux\"}}}";
            producer.send(new ProducerRecord<>(options.topic(), p, null, json.getBytes(StandardCharsets.UTF_8)));
        }
    }

    static Properties producerProperties(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
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

    void stop() {
        stopped = true;
    }

    long sendingStartMillis() {
        return sendingStartMillis;
    }

    long sent() {
        return sent.get();
    }

    long acked() {
        return acked.get();
    }

    long failures() {
        return failures.get();
    }

    String firstError() {
        return firstError;
    }
}
