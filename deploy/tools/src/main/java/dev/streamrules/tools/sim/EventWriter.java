package dev.streamrules.tools.sim;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Renders a process event as an Elastic Defend {@code endpoint.events.process} document, one JSON line.
 * The layout is written once, to a streaming generator: straight to text for most documents (the live
 * tool's cost is the stack's, so no tree is built per event), through a tree only for the documents
 * whose keys {@link DottedKeys} rewrites.
 */
final class EventWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory JSON = MAPPER.getFactory();

    private final Dice dice;
    private final boolean stripLeaders;
    private final double dottedKeyRate;
    private final StringWriter text = new StringWriter(4096);

    EventWriter(Dice dice, boolean stripLeaders, double dottedKeyRate) {
        this.dice = dice;
        this.stripLeaders = stripLeaders;
        this.dottedKeyRate = dottedKeyRate;
    }

    String write(HostProfile host, ProcessEvent event, long nowNanos, String eventId) {
        // Real feeds carry user.id both ways (agent versions, pipelines); the parser must not care.
        boolean numericUserIds = dice.chance(0.5);
        long ingestedNanos = nowNanos + 200_000_000L + (long) dice.exponential(1_500_000_000.0);
        boolean dotted = dice.chance(dottedKeyRate);
        Document document = new Document(host, event, nowNanos, eventId, ingestedNanos, numericUserIds, stripLeaders);
        try {
            if (!dotted) {
                text.getBuffer().setLength(0);
                try (JsonGenerator out = JSON.createGenerator(text)) {
                    document.writeTo(out);
                }
                return text.toString();
            }
            TokenBuffer tokens = new TokenBuffer(MAPPER, false);
            document.writeTo(tokens);
            ObjectNode tree = MAPPER.readTree(tokens.asParser());
            DottedKeys.apply(tree, dice);
            return MAPPER.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One event's fields, written in the order Elastic Defend's documents list them. */
    private record Document(
            HostProfile host,
            ProcessEvent event,
            long nowNanos,
            String eventId,
            long ingestedNanos,
            boolean numericUserIds,
            boolean stripLeaders) {

        void writeTo(JsonGenerator out) throws IOException {
            out.writeStartObject();
            out.writeStringField("@timestamp", Timestamps.nanos(nowNanos));
            out.writeObjectFieldStart("agent");
            out.writeStringField("id", host.agentId);
            out.writeStringField("type", "endpoint");
            out.writeStringField("version", "8.15.3");
            out.writeEndObject();
            out.writeObjectFieldStart("data_stream");
            out.writeStringField("dataset", "endpoint.events.process");
            out.writeStringField("namespace", "default");
            out.writeStringField("type", "logs");
            out.writeEndObject();
            out.writeObjectFieldStart("ecs");
            out.writeStringField("version", "8.11.0");
            out.writeEndObject();
            eventFields(out);
            hostFields(out);
            out.writeStringField("message", "Endpoint process event");
            processFields(out);
            out.writeFieldName("user");
            user(out, event.node().user);
            out.writeEndObject();
        }

        private void eventFields(JsonGenerator out) throws IOException {
            out.writeObjectFieldStart("event");
            out.writeStringField("id", eventId);
            out.writeStringField("kind", "event");
            strings(out, "category", List.of("process"));
            strings(out, "type", List.of(event.action().type));
            out.writeStringField("action", event.action().action);
            out.writeStringField("dataset", "endpoint.events.process");
            out.writeStringField("module", "endpoint");
            out.writeStringField("ingested", Timestamps.millis(ingestedNanos));
            out.writeEndObject();
        }

        private void hostFields(JsonGenerator out) throws IOException {
            out.writeObjectFieldStart("host");
            out.writeStringField("id", host.hostId);
            out.writeStringField("name", host.hostName);
            out.writeStringField("hostname", host.hostName);
            out.writeStringField("architecture", host.os.linux() ? "x86_64" : "arm64");
            strings(out, "ip", List.of(host.ip));
            strings(out, "mac", List.of(host.mac));
            out.writeObjectFieldStart("os");
            out.writeStringField("type", host.os.type());
            out.writeStringField("family", host.os.family());
            out.writeStringField("name", host.os.name());
            out.writeStringField("platform", host.os.platform());
            out.writeStringField("version", host.os.version());
            out.writeStringField("kernel", host.os.kernel());
            out.writeStringField("full", host.os.full());
            out.writeEndObject();
            out.writeEndObject();
        }

        private void processFields(JsonGenerator out) throws IOException {
            ProcessNode node = event.node();
            out.writeObjectFieldStart("process");
            out.writeStringField("entity_id", node.entityId);
            out.writeNumberField("pid", node.pid);
            image(out, node.image);
            out.writeStringField("command_line", node.image.commandLine());
            out.writeStringField("working_directory", node.workingDirectory);
            out.writeStringField("start", Timestamps.nanos(node.startNanos));
            out.writeBooleanField("interactive", node.interactive);
            if (node.tty != null) {
                tty(out, node.tty);
            }
            if (event.action() == ProcessAction.END) {
                out.writeStringField("end", Timestamps.nanos(nowNanos));
                out.writeNumberField("exit_code", event.exitCode());
            }
            if (node.parent != null) {
                out.writeObjectFieldStart("parent");
                out.writeStringField("entity_id", node.parent.entityId);
                out.writeNumberField("pid", node.parent.pid);
                image(out, node.parent.image);
                out.writeStringField("command_line", node.parent.image.commandLine());
                out.writeStringField("start", Timestamps.nanos(node.parent.startNanos));
                out.writeBooleanField("interactive", node.parent.interactive);
                out.writeEndObject();
            }
            List<String> ancestry = node.ancestry();
            if (!ancestry.isEmpty()) {
                out.writeObjectFieldStart("Ext");
                strings(out, "ancestry", ancestry);
                out.writeEndObject();
            }
            // Leaders' own events keep the fields in strip mode: they are what a tree state learns leaders from.
            if (!stripLeaders || node.leadsItsSession) {
                ProcessNode entry = node.entryLeader;
                out.writeObjectFieldStart("entry_leader");
                leaderFields(out, entry, node);
                if (entry.entryMetaType != null) {
                    out.writeObjectFieldStart("entry_meta");
                    out.writeStringField("type", entry.entryMetaType);
                    out.writeEndObject();
                }
                if (entry.parent != null) {
                    out.writeObjectFieldStart("parent");
                    out.writeStringField("entity_id", entry.parent.entityId);
                    out.writeNumberField("pid", entry.parent.pid);
                    out.writeEndObject();
                }
                out.writeEndObject();
                out.writeObjectFieldStart("session_leader");
                leaderFields(out, node.sessionLeader, node);
                out.writeEndObject();
                out.writeObjectFieldStart("group_leader");
                leaderFields(out, node.groupLeader, node);
                out.writeEndObject();
            }
            out.writeEndObject();
        }

        private void leaderFields(JsonGenerator out, ProcessNode leader, ProcessNode of) throws IOException {
            out.writeStringField("entity_id", leader.entityId);
            out.writeNumberField("pid", leader.pid);
            image(out, leader.image);
            out.writeStringField("start", Timestamps.nanos(leader.startNanos));
            out.writeBooleanField("interactive", leader.interactive);
            if (leader.tty != null) {
                tty(out, leader.tty);
            }
            out.writeFieldName("user");
            user(out, leader.user);
            out.writeBooleanField("same_as_process", leader == of);
        }

        private void user(JsonGenerator out, UserAccount account) throws IOException {
            out.writeStartObject();
            if (numericUserIds) {
                out.writeNumberField("id", account.id());
            } else {
                out.writeStringField("id", Integer.toString(account.id()));
            }
            out.writeStringField("name", account.name());
            out.writeEndObject();
        }
    }

    private static void image(JsonGenerator out, ProcessImage image) throws IOException {
        out.writeStringField("name", image.name());
        out.writeStringField("executable", image.executable());
        strings(out, "args", image.args());
        out.writeNumberField("args_count", image.args().size());
    }

    private static void tty(JsonGenerator out, Tty tty) throws IOException {
        out.writeObjectFieldStart("tty");
        out.writeObjectFieldStart("char_device");
        out.writeNumberField("major", tty.major());
        out.writeNumberField("minor", tty.minor());
        out.writeEndObject();
        out.writeEndObject();
    }

    private static void strings(JsonGenerator out, String name, List<String> values) throws IOException {
        out.writeArrayFieldStart(name);
        for (String value : values) {
            out.writeString(value);
        }
        out.writeEndArray();
    }
}
