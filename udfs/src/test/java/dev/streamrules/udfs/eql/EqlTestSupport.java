package dev.streamrules.udfs.eql;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.eql.types.FieldTypes;
import dev.streamrules.udfs.testing.EcsEventBuilder;

/** Compiling query text and building events from JSON, shared by the EQL compiler tests. */
final class EqlTestSupport {

    private EqlTestSupport() {}

    static CompiledEventQuery compile(String query) {
        return compile(FieldTypes.ecs(), query);
    }

    static CompiledEventQuery compile(FieldTypes types, String query) {
        return new EqlCompiler(types).compileEvent(query);
    }

    /** An event from a JSON document; a {@code host.id} is added when missing (the parser requires one). */
    /** The document as the job parses it (no {@code host.id} needed: rules evaluate such events too). */
    static EcsEvent event(String json) {
        return EcsEventBuilder.parse(json);
    }

    static boolean matches(String query, String json) {
        return compile(query).test(event(json));
    }

    /** Compiles and returns the error, failing when the query compiles. */
    static EqlException error(FieldTypes types, String query) {
        try {
            new EqlCompiler(types).compileEvent(query);
        } catch (EqlException e) {
            return e;
        }
        throw new AssertionError("expected an error for: " + query);
    }
}
