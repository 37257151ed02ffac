package dev.streamrules.tools.sim;

import static org.assertj.core.api.Assertions.fail;

import dev.streamrules.udfs.ecs.EcsEvent;
import dev.streamrules.udfs.ecs.EcsEventParser;
import dev.streamrules.udfs.ecs.ParseResult;
import dev.streamrules.udfs.ecs.RawRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A simulated event next to what the job's real parser makes of it; the simulator tests read fields through it. */
record Parsed(SimulatedEvent sim, EcsEvent event) {

    String get(String path) {
        return event.first(path);
    }

    List<String> all(String path) {
        String[] values = event.values(path);
        return values == null ? List.of() : Arrays.asList(values);
    }

    /** Every event of the run, in delivery order; fails the test on a line the parser rejects. */
    static List<Parsed> parseAll(Iterable<SimulatedEvent> simulator) {
        EcsEventParser parser = new EcsEventParser();
        List<Parsed> parsed = new ArrayList<>();
        long line = 0;
        for (SimulatedEvent sim : simulator) {
            ParseResult result = parser.parse(RawRecord.line("x", ++line, sim.jsonBytes(), false));
            if (!result.isValid()) {
                fail("line " + line + " does not parse: " + result + "\n" + sim.json());
            }
            parsed.add(new Parsed(sim, result.event()));
        }
        return parsed;
    }
}
