package dev.streamrules.udfs.cli;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import org.apache.flink.configuration.ConfigOption;

/**
 * The value type of a {@link ConfigOption}. Flink keeps it package-private ({@code getClazz()}); it is
 * read here once, by reflection, so that the command line can say "expected a duration" and treat a
 * bare number as seconds, and so that the options need no second, parallel type declaration.
 */
final class OptionTypes {

    private static final Method GET_CLAZZ;

    static {
        try {
            GET_CLAZZ = ConfigOption.class.getDeclaredMethod("getClazz");
            GET_CLAZZ.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private OptionTypes() {}

    static Class<?> of(ConfigOption<?> option) {
        try {
            return (Class<?>) GET_CLAZZ.invoke(option);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the type of option " + option.key(), e);
        }
    }

    static boolean isDuration(ConfigOption<?> option) {
        return of(option) == Duration.class;
    }

    /** What a value of the option looks like, for messages: "expected an integer, got ...". */
    static String expected(ConfigOption<?> option) {
        Class<?> type = of(option);
        if (type == Duration.class) {
            return "a duration such as 500ms, 10s, 9m, 2h or 1d";
        } else if (type == Integer.class || type == Long.class) {
            return "a whole number";
        } else if (type == Double.class || type == Float.class) {
            return "a number";
        } else if (type == Boolean.class) {
            return "true or false";
        } else if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        return "a " + type.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
}
