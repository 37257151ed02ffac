package dev.streamrules.udfs.cli;

import dev.streamrules.udfs.cli.CommandLine.Section;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.Formatter;
import org.apache.flink.configuration.description.TextElement;

/** The {@code --help} text of a {@link CommandLine}: one line per option (key, description, default). */
final class UsageText {

    private UsageText() {}

    static String of(
            List<Section> sections,
            Set<String> switches,
            Map<String, String> passThrough,
            ConfigOption<String> configFile,
            String clusterPrefix) {
        StringBuilder sb = new StringBuilder("Options (--key value or --key=value");
        passThrough.forEach((prefix, what) ->
                sb.append("; any --").append(prefix).append("<name> ").append(what));
        sb.append("):\n");
        for (Section section : sections) {
            if (section.title() != null) {
                sb.append(section.title()).append(":\n");
            }
            for (ConfigOption<?> o : section.options()) {
                boolean showDefault = o.hasDefaultValue() && !switches.contains(o.key());
                sb.append(String.format(
                        "  --%-30s %s%s%n",
                        o.key(),
                        new PlainText().format(o.description()),
                        showDefault ? " [default: " + shown(o.defaultValue()) + "]" : ""));
            }
        }
        sb.append("Durations: 500ms, 10s, 9m, 2h, 1d (a bare number is seconds).");
        if (configFile != null || clusterPrefix != null) {
            sb.append(" Where a value comes from, first found wins: the flag");
            if (configFile != null) {
                sb.append(", the --").append(configFile.key()).append(" file (key=value, keys as the flags)");
            }
            if (clusterPrefix != null) {
                sb.append(", ").append(clusterPrefix).append("<key> in the cluster's Flink configuration");
            }
            sb.append(", the default.");
        }
        return sb.append('\n').toString();
    }

    /** Durations as they are typed ({@code 200ms}, {@code 2s}, {@code 5m}), not ISO-8601. */
    static String shown(Object value) {
        if (value instanceof List<?> list) {
            return String.join(";", list.stream().map(String::valueOf).toList());
        }
        if (!(value instanceof Duration d)) {
            return String.valueOf(value);
        }
        if (d.toMillis() % 1000 != 0) {
            return d.toMillis() + "ms";
        }
        long s = d.getSeconds();
        if (s != 0 && s % 86400 == 0) {
            return s / 86400 + "d";
        }
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s != 0 && s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    /** Flink's descriptions as plain text (its own formatters write HTML or Markdown). */
    private static final class PlainText extends Formatter {
        @Override
        protected void formatLink(StringBuilder state, String link, String description) {
            state.append(description).append(" (").append(link).append(')');
        }

        @Override
        protected void formatLineBreak(StringBuilder state) {
            state.append(' ');
        }

        @Override
        protected void formatText(
                StringBuilder state, String format, String[] elements, EnumSet<TextElement.TextStyle> styles) {
            state.append(String.format(format, (Object[]) elements));
        }

        @Override
        protected void formatList(StringBuilder state, String[] entries) {
            state.append(String.join("; ", entries));
        }

        @Override
        protected Formatter newInstance() {
            return new PlainText();
        }
    }
}
