package dev.streamrules.udfs.eql.exec;

import dev.streamrules.udfs.ecs.EcsEvent;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Constants and the boolean query combinators: {@code filter} (and), {@code should} (or), {@code must_not}. */
public final class Logic {

    private Logic() {}

    public static final class Constant implements Predicate {
        private static final long serialVersionUID = 1L;
        public static final Constant TRUE = new Constant(true);
        public static final Constant FALSE = new Constant(false);
        private final boolean value;

        private Constant(boolean value) {
            this.value = value;
        }

        public static Constant of(boolean value) {
            return value ? TRUE : FALSE;
        }

        public boolean value() {
            return value;
        }

        @Override
        public boolean test(EcsEvent event) {
            return value;
        }

        private Object readResolve() {
            return of(value);
        }

        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    public static final class All implements Predicate {
        private static final long serialVersionUID = 1L;
        private final Predicate[] children;

        public All(List<Predicate> children) {
            this.children = children.toArray(new Predicate[0]);
        }

        public List<Predicate> children() {
            return List.of(children);
        }

        @Override
        public boolean test(EcsEvent event) {
            for (Predicate child : children) {
                if (!child.test(event)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return "filter" + Arrays.stream(children).map(Object::toString).collect(Collectors.joining(", ", "[", "]"));
        }
    }

    public static final class Any implements Predicate {
        private static final long serialVersionUID = 1L;
        private final Predicate[] children;

        public Any(List<Predicate> children) {
            this.children = children.toArray(new Predicate[0]);
        }

        @Override
        public boolean test(EcsEvent event) {
            for (Predicate child : children) {
                if (child.test(event)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return "should" + Arrays.stream(children).map(Object::toString).collect(Collectors.joining(", ", "[", "]"));
        }
    }

    /** {@code must_not}: true whenever the inner query does not match, a missing field included. */
    public static final class MustNot implements Predicate {
        private static final long serialVersionUID = 1L;
        private final Predicate inner;

        public MustNot(Predicate inner) {
            this.inner = inner;
        }

        @Override
        public boolean test(EcsEvent event) {
            return !inner.test(event);
        }

        @Override
        public String toString() {
            return "must_not[" + inner + "]";
        }
    }
}
