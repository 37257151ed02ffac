package dev.streamrules.udfs.rule.load;

/**
 * Something about a rule file that stops a rule from running: a failure, or a skip (a rule of a kind
 * this engine does not run). Prints as {@code FILE:LINE:COLUMN: message}, the form editors and CI
 * logs link to.
 *
 * @param line one-based line in the file
 * @param column one-based column in the file
 */
public record RuleProblem(String file, int line, int column, String message, boolean skip) {

    public static RuleProblem failure(String file, int line, int column, String message) {
        return new RuleProblem(file, line, column, message, false);
    }

    public static RuleProblem skip(String file, int line, int column, String reason) {
        return new RuleProblem(file, line, column, reason, true);
    }

    /** {@code FILE:LINE:COLUMN}. */
    public String position() {
        return file + ":" + line + ":" + column;
    }

    @Override
    public String toString() {
        return position() + ": " + (skip ? "skipped: " : "") + message;
    }
}
