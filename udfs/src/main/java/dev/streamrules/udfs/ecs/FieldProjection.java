package dev.streamrules.udfs.ecs;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which leaf fields of an event the parser extracts: exact dotted paths, whole subtrees under a prefix,
 * or {@link #all()}. Everything else is only validated, never decoded into strings.
 *
 * <p>Paths are ECS dotted paths ({@code process.parent.name}) and match however a document spells
 * them: nested objects, dotted keys or any mix. A prefix {@code process.parent} selects that path
 * and every path below it.
 *
 * <p>Internally a trie of path segments, so the streaming parser decides per JSON key, with one hash
 * lookup, whether to descend, record or skip.
 */
public final class FieldProjection implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final FieldProjection ALL = new FieldProjection(new TreeSet<>(), new TreeSet<>(Set.of("")));

    private final SortedSet<String> paths;
    private final SortedSet<String> prefixes;
    private final Node root;
    /** Exact paths recorded in slots (those not under a prefix), sorted; slot i holds path slotPaths[i]. */
    private final String[] slotPaths;

    private FieldProjection(SortedSet<String> paths, SortedSet<String> prefixes) {
        this.paths = paths;
        this.prefixes = prefixes;
        this.root = new Node("");
        for (String prefix : prefixes) {
            root.descend(prefix).everything = true;
        }
        List<String> slots = new ArrayList<>();
        for (String path : paths) {
            if (!coveredByPrefix(path)) {
                root.descend(path).slot = slots.size();
                slots.add(path.intern());
            }
        }
        this.slotPaths = slots.toArray(new String[0]);
    }

    /**
     * Slot paths interned, also in a deserialized copy: they become the events' field names, and the
     * rules' field paths are interned too ({@code FieldInfo}), so a look-up matches by reference.
     */
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        for (int i = 0; i < slotPaths.length; i++) {
            slotPaths[i] = slotPaths[i].intern();
        }
    }

    /** Every leaf of the document (what the parser did before projections existed). */
    public static FieldProjection all() {
        return ALL;
    }

    /** Exactly these dotted paths. */
    public static FieldProjection of(Collection<String> paths) {
        return builder().paths(paths).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A projection reading what either reads. */
    public FieldProjection union(FieldProjection other) {
        if (isAll() || other.isAll()) {
            return ALL;
        }
        return builder()
                .paths(paths)
                .paths(other.paths)
                .prefixes(prefixes)
                .prefixes(other.prefixes)
                .build();
    }

    public boolean isAll() {
        return prefixes.contains("");
    }

    /** The exact paths, sorted. */
    public SortedSet<String> paths() {
        return Collections.unmodifiableSortedSet(paths);
    }

    /** The prefixes, sorted ({@code ""} for {@link #all()}). */
    public SortedSet<String> prefixes() {
        return Collections.unmodifiableSortedSet(prefixes);
    }

    /** Whether the parser extracts the values of this dotted path. */
    public boolean includes(String path) {
        return paths.contains(path) || coveredByPrefix(path);
    }

    private boolean coveredByPrefix(String path) {
        for (String prefix : prefixes) {
            if (prefix.isEmpty() || path.equals(prefix) || path.startsWith(prefix + ".")) {
                return true;
            }
        }
        return false;
    }

    Node root() {
        return root;
    }

    String[] slotPaths() {
        return slotPaths;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldProjection
                && paths.equals(((FieldProjection) o).paths)
                && prefixes.equals(((FieldProjection) o).prefixes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(paths, prefixes);
    }

    @Override
    public String toString() {
        return isAll() ? "FieldProjection{all}" : "FieldProjection{paths=" + paths + ", prefixes=" + prefixes + "}";
    }

    /** One path segment of the trie. */
    static final class Node implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Full dotted path of this node ({@code ""} at the root). */
        final String path;

        private final Map<String, Node> children = new HashMap<>(4);
        /** Index of this exact path's values, or -1 when the path itself is not wanted. */
        int slot = -1;
        /** Every leaf at or below this path is wanted (a prefix, or the root of {@link #all()}). */
        boolean everything;
        /** The children by their names' bytes, built on first use (after the trie is complete). */
        private transient ChildTable byBytes;

        Node(String path) {
            this.path = path;
        }

        Node child(String name) {
            return children.get(name);
        }

        /**
         * The child named by the UTF-8 bytes {@code b[from, to)}, or {@code null}: the plain scanner's
         * look-up, without making a string of every key it passes.
         */
        Node child(byte[] b, int from, int to) {
            return child(b, from, to, KeyWords.head(b, from, to), KeyWords.tail(b, from, to));
        }

        /** {@link #child(byte[], int, int)} with the key's {@link KeyWords} already read. */
        Node child(byte[] b, int from, int to, long head, long tail) {
            ChildTable table = byBytes;
            if (table == null) {
                table = byBytes = new ChildTable(children);
            }
            return table.find(b, from, to, head, tail);
        }

        boolean hasChildren() {
            return !children.isEmpty();
        }

        boolean wantsValue() {
            return slot >= 0 || everything;
        }

        private Node descend(String dotted) {
            Node node = this;
            if (dotted.isEmpty()) {
                return node;
            }
            for (String segment : dotted.split("\\.", -1)) {
                Node parent = node;
                node = parent.children.computeIfAbsent(
                        segment.intern(), s -> new Node(parent.path.isEmpty() ? s : parent.path + "." + s));
            }
            return node;
        }

        /**
         * Keys as interned strings, also in a deserialized copy: Jackson interns the field names it
         * reads, so a look-up of a wanted name then matches by reference instead of comparing text.
         */
        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            Map<String, Node> read = new HashMap<>(children);
            children.clear();
            read.forEach((name, node) -> children.put(name.intern(), node));
        }
    }

    /**
     * A node's children by the UTF-8 bytes of their names: open addressing on their {@link KeyWords},
     * at most a quarter full, so a key no rule reads (most of a document's) usually costs one probe of
     * an empty slot, and a wanted one two long comparisons. Final fields: a table built by one thread
     * is seen whole by every other one.
     */
    private static final class ChildTable {
        final byte[][] names;
        final long[] heads;
        final long[] tails;
        final Node[] nodes;
        /** A child's position plus one, or 0 for an empty slot. */
        final int[] slots;

        ChildTable(Map<String, Node> children) {
            names = new byte[children.size()][];
            heads = new long[children.size()];
            tails = new long[children.size()];
            nodes = new Node[children.size()];
            slots = new int[Integer.highestOneBit(Math.max(1, children.size()) * 4) * 2];
            int mask = slots.length - 1;
            int i = 0;
            for (Map.Entry<String, Node> child : children.entrySet()) {
                byte[] name = child.getKey().getBytes(StandardCharsets.UTF_8);
                names[i] = name;
                heads[i] = KeyWords.head(name, 0, name.length);
                tails[i] = KeyWords.tail(name, 0, name.length);
                nodes[i] = child.getValue();
                int at = slot(heads[i], tails[i], name.length, mask);
                while (slots[at] != 0) {
                    at = (at + 1) & mask;
                }
                slots[at] = ++i;
            }
        }

        Node find(byte[] b, int from, int to, long head, long tail) {
            int mask = slots.length - 1;
            for (int at = slot(head, tail, to - from, mask); ; at = (at + 1) & mask) {
                int slot = slots[at];
                if (slot == 0) {
                    return null;
                }
                int i = slot - 1;
                byte[] name = names[i];
                if (KeyWords.same(b, from, to, head, tail, name, 0, name.length, heads[i], tails[i])) {
                    return nodes[i];
                }
            }
        }

        private static int slot(long head, long tail, int length, int mask) {
            return (int) (KeyWords.mix(head, tail, length) >>> 32) & mask;
        }
    }

    /** Collects paths and prefixes; {@link #build()} checks that each is a well-formed dotted path. */
    public static final class Builder {
        private final SortedSet<String> paths = new TreeSet<>();
        private final SortedSet<String> prefixes = new TreeSet<>();

        private Builder() {}

        public Builder path(String path) {
            paths.add(path);
            return this;
        }

        public Builder paths(Collection<String> more) {
            paths.addAll(more);
            return this;
        }

        /** Every path equal to {@code prefix} or below it; {@code ""} means every path. */
        public Builder prefix(String prefix) {
            prefixes.add(prefix);
            return this;
        }

        public Builder prefixes(Collection<String> more) {
            prefixes.addAll(more);
            return this;
        }

        public FieldProjection build() {
            List<String> problems = new ArrayList<>();
            for (String path : paths) {
                check(path, "path", problems);
            }
            for (String prefix : prefixes) {
                if (!prefix.isEmpty()) {
                    check(prefix, "prefix", problems);
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("invalid field projection: " + String.join("; ", problems));
            }
            if (prefixes.contains("")) {
                return ALL;
            }
            return new FieldProjection(new TreeSet<>(paths), new TreeSet<>(prefixes));
        }

        private static void check(String path, String what, List<String> problems) {
            if (path == null) {
                problems.add(what + " is null");
                return;
            }
            for (String segment : path.split("\\.", -1)) {
                if (segment.isBlank()) {
                    problems.add(what + " \"" + path + "\" has an empty segment");
                    return;
                }
            }
        }
    }
}
