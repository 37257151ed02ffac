package dev.streamrules.udfs.eql;

/**
 * A problem with a query (syntax, unknown field or function, wrong argument type, unsupported
 * construct), located by character offset inside the query text. Rule loading translates the
 * offset into a line and column of the rule file.
 */
public class EqlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int offset;

    public EqlException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    /** Zero-based character offset inside the query where the problem is. */
    public int offset() {
        return offset;
    }

    /** One-based line inside the query text. */
    public int lineIn(String query) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, query.length()); i++) {
            if (query.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** One-based column inside the query text. */
    public int columnIn(String query) {
        int lineStart = query.lastIndexOf('\n', Math.min(offset, query.length()) - 1) + 1;
        return offset - lineStart + 1;
    }
}
