package dev.streamrules.udfs.alert;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.rule.DetectionRule;

/**
 * {@code kibana.alert.reason} in the shape Kibana's detection engine writes it for every rule type:
 * {@code <category> event with process <p>, parent process <pp>, file <f>, source <a>:<port>,
 * destination <a>:<port>, by <user> on <host> created <severity> alert <rule name>.}, each part present
 * only when the event has the field (several values joined by {@code ", "}), {@code with} only when
 * one of process, parent, file, source or destination is there.
 */
final class AlertReason {

    private AlertReason() {}

    static String of(EcsEvent e, DetectionRule rule) {
        StringBuilder details = new StringBuilder();
        appendPart(details, "process ", value(e, "process.name"), ",");
        appendPart(details, "parent process ", value(e, "process.parent.name"), ",");
        appendPart(details, "file ", value(e, "file.name"), ",");
        appendEndpoint(details, "source ", value(e, "source.address"), value(e, "source.port"));
        appendEndpoint(details, "destination ", value(e, "destination.address"), value(e, "destination.port"));

        StringBuilder reason = new StringBuilder();
        String category = value(e, "event.category");
        if (category != null) {
            reason.append(category).append(' ');
        }
        reason.append("event");
        if (details.length() > 0) {
            reason.append(" with").append(details);
        }
        appendPart(reason, "by ", value(e, "user.name"), "");
        appendPart(reason, "on ", value(e, "host.name"), "");
        return reason.append(" created ")
                .append(rule.severity())
                .append(" alert ")
                .append(rule.name())
                .append('.')
                .toString();
    }

    private static void appendPart(StringBuilder out, String label, String value, String suffix) {
        if (value != null) {
            out.append(' ').append(label).append(value).append(suffix);
        }
    }

    /** {@code source 10.0.0.1:443,}; Kibana writes the port (and its comma) even without an address. */
    private static void appendEndpoint(StringBuilder out, String label, String address, String port) {
        if (address != null) {
            out.append(' ').append(label).append(address);
        }
        if (port != null) {
            out.append(':').append(port).append(',');
        }
    }

    /** The field's values joined by ", "; null when absent, empty or just "-". */
    private static String value(EcsEvent e, String field) {
        String[] values = e.values(field);
        if (values == null
                || values.length == 0
                || (values.length == 1 && (values[0].isEmpty() || values[0].equals("-")))) {
            return null;
        }
        return String.join(", ", values);
    }
}
