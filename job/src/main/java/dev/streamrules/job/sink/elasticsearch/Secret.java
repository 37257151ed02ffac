package dev.streamrules.job.sink.elasticsearch;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a credential comes from: given directly, an environment variable, or a file (a mounted
 * Kubernetes secret). Environment variables and files are read when the sink's writer opens, on the
 * TaskManager, so the job graph carries only their names; a value given directly travels inside the
 * serialized job, so prefer the other two outside tests.
 *
 * <p>Neither {@link #toString()} nor any error message ever contains the secret itself.
 */
public final class Secret implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    enum Kind {
        VALUE,
        ENV,
        FILE
    }

    private final Kind kind;
    /** The secret itself for {@link Kind#VALUE}, otherwise the variable name or file path. */
    private final String reference;

    private Secret(Kind kind, String reference) {
        this.kind = kind;
        this.reference = reference;
    }

    /** The secret given directly (tests, local runs). */
    public static Secret of(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a secret given directly must not be empty");
        }
        return new Secret(Kind.VALUE, value);
    }

    /** The value of environment variable {@code name} on the TaskManager. */
    public static Secret fromEnv(String name) {
        if (name == null || !ENV_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("\"" + name + "\" is not an environment variable name");
        }
        return new Secret(Kind.ENV, name);
    }

    /** The content of {@code path} on the TaskManager, surrounding whitespace (a final newline) removed. */
    public static Secret fromFile(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("a secret file path must not be empty");
        }
        return new Secret(Kind.FILE, path);
    }

    Kind kind() {
        return kind;
    }

    /** Reads the secret; a missing variable, unreadable or empty file fails with a message naming its source. */
    String resolve() {
        switch (kind) {
            case VALUE:
                return reference;
            case ENV: {
                String value = System.getenv(reference);
                if (value == null || value.isEmpty()) {
                    throw new IllegalStateException("environment variable " + reference + " is not set or empty");
                }
                return value;
            }
            case FILE: {
                String value;
                try {
                    value = Files.readString(Path.of(reference), StandardCharsets.UTF_8)
                            .strip();
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read secret file " + reference + ": "
                            + e.getClass().getSimpleName());
                }
                if (value.isEmpty()) {
                    throw new IllegalStateException("secret file " + reference + " is empty");
                }
                return value;
            }
            default:
                throw new AssertionError(kind);
        }
    }

    /** Where the secret comes from, safe to log. */
    public String describe() {
        switch (kind) {
            case VALUE:
                return "given directly";
            case ENV:
                return "from environment variable " + reference;
            default:
                return "from file " + reference;
        }
    }

    @Override
    public String toString() {
        return "Secret(" + describe() + ")";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Secret)) {
            return false;
        }
        Secret that = (Secret) o;
        return kind == that.kind && reference.equals(that.reference);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, reference);
    }
}
