package dev.streamrules.udfs.eql;

/**
 * Number literals as Elasticsearch's EQL builds them: a whole number is a {@link Long} (too large for
 * one is an error), anything with a point or an exponent a {@link Double}.
 */
final class Numbers {

    private Numbers() {}

    static Long integer(Token t) {
        try {
            return Long.parseLong(t.text());
        } catch (NumberFormatException e) {
            throw new EqlException("Number [" + t.text() + "] is too large", t.start());
        }
    }

    static Double decimal(Token t) {
        double d = Double.parseDouble(t.text());
        if (Double.isInfinite(d)) {
            throw new EqlException("Number [" + t.text() + "] is too large", t.start());
        }
        return d;
    }
}
