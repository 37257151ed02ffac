package dev.streamrules.udfs.rule.load;

import dev.streamrules.udfs.rule.DetectionRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads detection-rules TOML files: each path is a file, or a folder searched recursively for
 * {@code *.toml} in sorted order. Every file ends up loaded, skipped (a rule type or query kind this
 * engine does not run, with the reason) or failed (with {@code FILE:LINE:COLUMN} of each problem);
 * a rule_id already loaded from an earlier file fails the later file.
 */
public final class RuleLoader {

    private final RuleFileReader reader;

    public RuleLoader(RuleQueryCompiler compiler) {
        this.reader = new RuleFileReader(compiler);
    }

    /** The rule files under {@code paths}, in the order given, each folder's files sorted. */
    public static List<Path> ruleFiles(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(p -> p.getFileName().toString().endsWith(".toml") && Files.isRegularFile(p))
                            .sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list rule folder " + path + ": " + e.getMessage(), e);
                }
            } else {
                files.add(path);
            }
        }
        return files;
    }

    /** Loads every rule file under {@code paths} (files or folders). */
    public LoadedRules load(List<Path> paths) {
        Accumulator set = new Accumulator();
        for (Path file : ruleFiles(paths)) {
            String name = file.toString();
            String text;
            try {
                text = utf8(Files.readAllBytes(file));
            } catch (IOException e) {
                set.failed(RuleProblem.failure(name, 1, 1, "cannot read the file: " + e.getMessage()));
                continue;
            }
            set.add(reader.read(name, text));
        }
        return set.result();
    }

    /** Loads rule files shipped on the class path, named as they are looked up (e.g. {@code streamrules/rules/x.toml}). */
    public LoadedRules loadResources(List<String> resources) {
        Accumulator set = new Accumulator();
        for (String resource : resources) {
            try (InputStream in = RuleLoader.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("rule resource " + resource + " is not on the class path");
                }
                set.add(reader.read("classpath:" + resource, utf8(in.readAllBytes())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read rule resource " + resource, e);
            }
        }
        return set.result();
    }

    /** Loads one rule from text; {@code file} names it in problems. */
    public LoadedRules loadText(String file, String text) {
        Accumulator set = new Accumulator();
        set.add(reader.read(file, text));
        return set.result();
    }

    private static String utf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(java.nio.ByteBuffer.wrap(bytes))
                .toString();
    }

    /** Counts each file once and catches rule ids seen before. */
    private static final class Accumulator {
        private final List<DetectionRule> rules = new ArrayList<>();
        private final List<RuleProblem> problems = new ArrayList<>();
        private final Map<String, String> ruleIdPositions = new HashMap<>();
        private int skipped;
        private int failed;

        void add(RuleFileReader.Outcome outcome) {
            if (outcome.rule() != null) {
                DetectionRule rule = outcome.rule();
                RuleProblem at = outcome.ruleIdAt();
                String first = ruleIdPositions.putIfAbsent(rule.ruleId(), at.position());
                if (first != null) {
                    failed(RuleProblem.failure(
                            at.file(),
                            at.line(),
                            at.column(),
                            "duplicate rule_id \"" + rule.ruleId() + "\", already loaded from " + first));
                } else {
                    rules.add(rule);
                }
            } else if (outcome.skipped()) {
                skipped++;
                problems.addAll(outcome.problems());
            } else {
                failed++;
                problems.addAll(outcome.problems());
            }
        }

        void failed(RuleProblem problem) {
            failed++;
            problems.add(problem);
        }

        LoadedRules result() {
            return new LoadedRules(rules, problems, skipped, failed);
        }
    }
}
