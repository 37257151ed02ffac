package dev.streamrules.job.e2e;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.streamrules.job.sink.AttackEvents;
import dev.streamrules.job.sink.RandomJson;
import dev.streamrules.udfs.testing.EcsEventBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random ECS documents for the job-level property test, from a seed: ordinary events with random
 * extra content, values and arrays near the parser's 1 MiB limit and over it, wrong types, dotted keys,
 * a missing or doubled {@code host.id} (valid events keyed by no host), invalid JSON, and seed-rule attacks planted among them (plain,
 * dotted, or padded near 1 MiB). Records what it planted: the attacks, and the records that cannot
 * be events.
 */
final class RandomEcsDocuments {

    /** Just under the parser's limit, as the event of issue 10. */
    static final int NEAR_LIMIT = AttackEvents.POISON_PILL_BYTES;

    private static final String[] BENIGN = {"ls", "ps", "bash", "cat", "grep", "python3"};

    final List<StreamJobRun.Event> records = new ArrayList<>();
    final List<String> attacks = new ArrayList<>();
    final List<String> certainlyDead = new ArrayList<>();

    private final Random random;

    private RandomEcsDocuments(long seed) {
        this.random = new Random(seed);
    }

    static RandomEcsDocuments generate(long seed, int count) {
        RandomEcsDocuments docs = new RandomEcsDocuments(seed);
        for (int i = 0; i < count; i++) {
            docs.add(i);
        }
        return docs;
    }

    private void add(int i) {
        String host = "host-" + random.nextInt(8);
        String id = "doc-" + i;
        int kind = random.nextInt(20);
        switch (kind) {
            case 0, 1 -> attack(host, "attack-" + i);
            case 2 -> record(host, benign(host, id).set("process.command_line", padding(NEAR_LIMIT - 2_000)));
            case 3 ->
                record(
                        host,
                        benign(host, id)
                                .edit(d -> fillArray(
                                        d.withObjectProperty("process").putArray("args"))));
            case 4 ->
                dead(
                        host,
                        benign(host, id)
                                .set("process.command_line", padding(NEAR_LIMIT + 10_000))
                                .json());
            case 5 -> record(host, wrongTypes(benign(host, id)));
            case 6 -> record(host, benign(host, id).fullyDotted());
            // Valid events keyed by no host: a missing host.id, or two of them (one dotted, one nested).
            case 7 -> record(host, benign(host, id).remove("host.id"));
            case 8 ->
                records.add(new StreamJobRun.Event(
                        host,
                        "{\"host.id\":\"" + host + "-b\","
                                + benign(host, id).json().substring(1)));
            case 9 -> {
                String json = benign(host, id).json();
                dead(host, json.substring(0, 1 + random.nextInt(json.length() - 1)));
            }
            case 10 -> dead(host, random.nextBoolean() ? "[1,2,3]" : "\"a string\"");
            case 11 -> dead(host, "");
            default -> record(host, benign(host, id));
        }
    }

    private EcsEventBuilder benign(String host, String id) {
        String name = BENIGN[random.nextInt(BENIGN.length)];
        return EcsEventBuilder.exec(host, "proc-" + id, null, name)
                .eventId(id)
                .edit(d -> RandomJson.fill(d.putObject("labels"), random, 2));
    }

    private void attack(String host, String eventId) {
        attacks.add(eventId);
        switch (random.nextInt(3)) {
            case 0 ->
                records.add(new StreamJobRun.Event(
                        host, AttackEvents.ofSize(host, eventId, 2_000 + random.nextInt(NEAR_LIMIT - 2_000))));
            case 1 ->
                record(
                        host,
                        EcsEventBuilder.procMapsRead()
                                .set("host.id", host)
                                .eventId(eventId)
                                .fullyDotted());
            default ->
                record(host, EcsEventBuilder.procMapsRead().set("host.id", host).eventId(eventId));
        }
    }

    /** Types ECS does not expect: numbers for strings, a string for an array, an object for a keyword. */
    private EcsEventBuilder wrongTypes(EcsEventBuilder event) {
        return switch (random.nextInt(5)) {
            case 0 -> event.set("process.pid", "not a number");
            case 1 -> event.set("host.name", 42);
            case 2 -> event.set("process.args", "ls -l");
            case 3 -> event.set("@timestamp", random.nextLong());
            default ->
                event.edit(
                        d -> d.withObjectProperty("event").putObject("category").put("nested", true));
        };
    }

    private void fillArray(ArrayNode args) {
        String element = "a".repeat(24);
        for (int n = 0; n < (NEAR_LIMIT - 4_000) / 27; n++) {
            args.add(element);
        }
    }

    private String padding(int bytes) {
        return String.valueOf((char) ('a' + random.nextInt(26))).repeat(bytes);
    }

    private void record(String host, EcsEventBuilder event) {
        records.add(new StreamJobRun.Event(host, event.json()));
    }

    private void dead(String host, String value) {
        certainlyDead.add(value);
        records.add(new StreamJobRun.Event(host, value));
    }
}
