package dev.streamrules.job.config;

import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** Both modes: which rules run and the field types they are compiled against. */
public final class RuleOptions {

    /** Repeatable on the command line; in a file or the cluster configuration, separate paths by {@code ;}. */
    public static final ConfigOption<List<String>> RULES = ConfigOptions.key("rules")
            .stringType()
            .asList()
            .noDefaultValue()
            .withDescription(
                    "detection-rules TOML file, or folder searched recursively for *.toml; repeat for more (default: the built-in rule set)");

    public static final ConfigOption<Boolean> CHECK_RULES = ConfigOptions.key("check-rules")
            .booleanType()
            .defaultValue(false)
            .withDescription(
                    "load and compile the rules, print FILE:LINE:COLUMN: message per problem and a summary line, run nothing");

    public static final ConfigOption<String> MAPPING = ConfigOptions.key("mapping")
            .stringType()
            .noDefaultValue()
            .withDescription(
                    "Elasticsearch mapping, index template or component template (JSON) giving field types (default: ECS and Elastic Defend)");

    public static final List<ConfigOption<?>> ALL = List.of(RULES, CHECK_RULES, MAPPING);

    private RuleOptions() {}
}
