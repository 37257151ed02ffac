package dev.streamrules.udfs.eql.exec;

import java.io.Serializable;

/**
 * An expression Elasticsearch evaluates in a script: over one combination of field values (one value
 * per field occurrence, {@code null} when the field has none) it yields a string, number, boolean,
 * date, address text or {@code null}.
 */
public interface Value extends Serializable {

    Object eval(Object[] slots);

    /** A literal (or an expression folded at compile time). */
    final class Constant implements Value {
        private static final long serialVersionUID = 1L;
        private final Object value;

        public Constant(Object value) {
            this.value = value;
        }

        public Object value() {
            return value;
        }

        @Override
        public Object eval(Object[] slots) {
            return value;
        }

        @Override
        public String toString() {
            return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
        }
    }

    /** One field occurrence: its value in the combination being evaluated. */
    final class Slot implements Value {
        private static final long serialVersionUID = 1L;
        private final int index;
        private final String path;

        public Slot(int index, String path) {
            this.index = index;
            this.path = path;
        }

        @Override
        public Object eval(Object[] slots) {
            return slots[index];
        }

        @Override
        public String toString() {
            return path;
        }
    }
}
