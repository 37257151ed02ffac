package dev.streamrules.tools.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;

/** Renders a process event as an Elastic Defend {@code endpoint.events.process} document, one JSON line. */
final class EventWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Dice dice;
    private final boolean stripLeaders;
    private final double dottedKeyRate;

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

        ObjectNode doc = JSON.objectNode();
        doc.put("@timestamp", Timestamps.nanos(nowNanos));
        ObjectNode agent = doc.putObject("agent");
        agent.put("id", host.agentId);
        agent.put("type", "endpoint");
        agent.put("version", "8.15.3");
        ObjectNode stream = doc.putObject("data_stream");
        stream.put("dataset", "endpoint.events.process");
        stream.put("namespace", "default");
        stream.put("type", "logs");
        doc.putObject("ecs").put("version", "8.11.0");
        doc.set("event", eventFields(event, eventId, ingestedNanos));
        doc.set("host", hostFields(host));
        doc.put("message", "Endpoint process event");
        doc.set("process", processFields(event, nowNanos, numericUserIds));
        doc.set("user", user(event.node().user, numericUserIds));
        if (dotted) {
            DottedKeys.apply(doc, dice);
        }
        try {
            return MAPPER.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode eventFields(ProcessEvent event, String eventId, long ingestedNanos) {
        ObjectNode out = JSON.objectNode();
        out.put("id", eventId);
        out.put("kind", "event");
        out.putArray("category").add("process");
        out.putArray("type").add(event.action().type);
        out.put("action", event.action().action);
        out.put("dataset", "endpoint.events.process");
        out.put("module", "endpoint");
        out.put("ingested", Timestamps.millis(ingestedNanos));
        return out;
    }

    private static ObjectNode hostFields(HostProfile host) {
        ObjectNode out = JSON.objectNode();
        out.put("id", host.hostId);
        out.put("name", host.hostName);
        out.put("hostname", host.hostName);
        out.put("architecture", host.os.linux() ? "x86_64" : "arm64");
        out.putArray("ip").add(host.ip);
        out.putArray("mac").add(host.mac);
        ObjectNode os = out.putObject("os");
        os.put("type", host.os.type());
        os.put("family", host.os.family());
        os.put("name", host.os.name());
        os.put("platform", host.os.platform());
        os.put("version", host.os.version());
        os.put("kernel", host.os.kernel());
        os.put("full", host.os.full());
        return out;
    }

    private ObjectNode processFields(ProcessEvent event, long nowNanos, boolean numericUserIds) {
        ProcessNode node = event.node();
        ObjectNode out = JSON.objectNode();
        out.put("entity_id", node.entityId);
        out.put("pid", node.pid);
        image(out, node.image);
        out.put("command_line", node.image.commandLine());
        out.put("working_directory", node.workingDirectory);
        out.put("start", Timestamps.nanos(node.startNanos));
        out.put("interactive", node.interactive);
        if (node.tty != null) {
            out.set("tty", tty(node.tty));
        }
        if (event.action() == ProcessAction.END) {
            out.put("end", Timestamps.nanos(nowNanos));
            out.put("exit_code", event.exitCode());
        }
        if (node.parent != null) {
            ObjectNode parent = out.putObject("parent");
            parent.put("entity_id", node.parent.entityId);
            parent.put("pid", node.parent.pid);
            image(parent, node.parent.image);
            parent.put("command_line", node.parent.image.commandLine());
            parent.put("start", Timestamps.nanos(node.parent.startNanos));
            parent.put("interactive", node.parent.interactive);
        }
        List<String> ancestry = node.ancestry();
        if (!ancestry.isEmpty()) {
            ArrayNode ids = out.putObject("Ext").putArray("ancestry");
            ancestry.forEach(ids::add);
        }
        // Leaders' own events keep the fields in strip mode: they are what a tree state learns leaders from.
        if (!stripLeaders || node.leadsItsSession) {
            ObjectNode entry = leader(node.entryLeader, node, numericUserIds);
            if (node.entryLeader.entryMetaType != null) {
                entry.putObject("entry_meta").put("type", node.entryLeader.entryMetaType);
            }
            if (node.entryLeader.parent != null) {
                ObjectNode parent = entry.putObject("parent");
                parent.put("entity_id", node.entryLeader.parent.entityId);
                parent.put("pid", node.entryLeader.parent.pid);
            }
            out.set("entry_leader", entry);
            out.set("session_leader", leader(node.sessionLeader, node, numericUserIds));
            out.set("group_leader", leader(node.groupLeader, node, numericUserIds));
        }
        return out;
    }

    private static ObjectNode leader(ProcessNode leader, ProcessNode of, boolean numericUserIds) {
        ObjectNode out = JSON.objectNode();
        out.put("entity_id", leader.entityId);
        out.put("pid", leader.pid);
        image(out, leader.image);
        out.put("start", Timestamps.nanos(leader.startNanos));
        out.put("interactive", leader.interactive);
        if (leader.tty != null) {
            out.set("tty", tty(leader.tty));
        }
        out.set("user", user(leader.user, numericUserIds));
        out.put("same_as_process", leader == of);
        return out;
    }

    private static void image(ObjectNode out, ProcessImage image) {
        out.put("name", image.name());
        out.put("executable", image.executable());
        ArrayNode args = out.putArray("args");
        image.args().forEach(args::add);
        out.put("args_count", image.args().size());
    }

    private static ObjectNode tty(Tty tty) {
        ObjectNode device = JSON.objectNode();
        ObjectNode charDevice = device.putObject("char_device");
        charDevice.put("major", tty.major());
        charDevice.put("minor", tty.minor());
        return device;
    }

    private static ObjectNode user(UserAccount account, boolean numericId) {
        ObjectNode out = JSON.objectNode();
        if (numericId) {
            out.put("id", account.id());
        } else {
            out.put("id", Integer.toString(account.id()));
        }
        out.put("name", account.name());
        return out;
    }
}
