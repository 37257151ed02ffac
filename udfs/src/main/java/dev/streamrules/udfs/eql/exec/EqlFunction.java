package dev.streamrules.udfs.eql.exec;

import java.util.Locale;

/** The functions of Elasticsearch's EQL, with their arity and whether they have a {@code ~} form. */
public enum EqlFunction {
    ADD("add", 2, 2, false),
    BETWEEN("between", 3, 4, true),
    CIDRMATCH("cidrMatch", 2, Integer.MAX_VALUE, false),
    CONCAT("concat", 1, Integer.MAX_VALUE, false),
    DIVIDE("divide", 2, 2, false),
    ENDSWITH("endsWith", 2, 2, true),
    INDEXOF("indexOf", 2, 3, true),
    LENGTH("length", 1, 1, false),
    MODULO("modulo", 2, 2, false),
    MULTIPLY("multiply", 2, 2, false),
    NUMBER("number", 1, 2, false),
    STARTSWITH("startsWith", 2, 2, true),
    STRING("string", 1, 1, false),
    STRINGCONTAINS("stringContains", 2, 2, true),
    SUBSTRING("substring", 2, 3, false),
    SUBTRACT("subtract", 2, 2, false);

    private final String eqlName;
    private final int minArgs;
    private final int maxArgs;
    private final boolean hasInsensitiveForm;

    EqlFunction(String eqlName, int minArgs, int maxArgs, boolean hasInsensitiveForm) {
        this.eqlName = eqlName;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
        this.hasInsensitiveForm = hasInsensitiveForm;
    }

    /** Function names resolve case-insensitively, as in Elasticsearch; {@code null} when unknown. */
    public static EqlFunction byName(String name) {
        for (EqlFunction f : values()) {
            if (f.eqlName.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        return null;
    }

    public String eqlName() {
        return eqlName;
    }

    public int minArgs() {
        return minArgs;
    }

    public int maxArgs() {
        return maxArgs;
    }

    public boolean hasInsensitiveForm() {
        return hasInsensitiveForm;
    }

    public boolean returnsBoolean() {
        return this == CIDRMATCH || this == ENDSWITH || this == STARTSWITH || this == STRINGCONTAINS;
    }

    public boolean isArithmetic() {
        return this == ADD || this == SUBTRACT || this == MULTIPLY || this == DIVIDE || this == MODULO;
    }

    /** How Elasticsearch words an arity error, e.g. {@code expects exactly one argument}. */
    public String arityMessage() {
        String[] words = {"zero", "one", "two", "three", "four"};
        if (maxArgs == Integer.MAX_VALUE) {
            return "expects at least " + words[minArgs] + " argument" + (minArgs == 1 ? "" : "s");
        }
        if (minArgs == maxArgs) {
            return "expects exactly " + words[minArgs] + " argument" + (minArgs == 1 ? "" : "s");
        }
        return "expects " + words[minArgs] + " or " + words[maxArgs] + " arguments";
    }
}
