package dev.streamrules.udfs.eql;

import java.util.Set;

/** Elasticsearch's type families as the analyzer compares them: numeric, string, compatible, widened. */
final class TypeRules {

    private TypeRules() {}

    static final Set<String> NUMERIC = Set.of(
            "integer", "long", "short", "byte", "unsigned_long", "double", "float", "half_float", "scaled_float");
    static final Set<String> STRING = Set.of("keyword", "text", "wildcard", "constant_keyword", "match_only_text");

    static String ordinal(int n) {
        int mod100 = n % 100;
        String suffix = mod100 >= 11 && mod100 <= 13
                ? "th"
                : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
        return n + suffix;
    }

    /** Elasticsearch's compatibility of an {@code in} list item with the value: same family, or null. */
    static boolean compatible(String valueType, String itemType) {
        if (valueType.equals(itemType) || valueType.equals("null") || itemType.equals("null")) {
            return true;
        }
        if (NUMERIC.contains(valueType) && NUMERIC.contains(itemType)) {
            return true;
        }
        if (STRING.contains(valueType) && STRING.contains(itemType)) {
            return true;
        }
        // ip and date fields take their values as strings, as term queries on them do.
        return (valueType.equals("ip") || valueType.equals("datetime") || valueType.equals("date_nanos"))
                && itemType.equals("keyword");
    }

    /** The type of arithmetic on two numeric types: int, long or double. */
    static String widen(String l, String r) {
        if (l.equals("null") || r.equals("null")) {
            return l.equals("null") ? r : l;
        }
        boolean lInt = l.equals("integer") || l.equals("short") || l.equals("byte");
        boolean rInt = r.equals("integer") || r.equals("short") || r.equals("byte");
        if (lInt && rInt) {
            return "integer";
        }
        boolean lLong = lInt || l.equals("long") || l.equals("unsigned_long");
        boolean rLong = rInt || r.equals("long") || r.equals("unsigned_long");
        return lLong && rLong ? "long" : "double";
    }
}
