package dev.streamrules.udfs.rule.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Our own rule set under test resources {@code rule-corpus/}: {@code rules/<name>.toml} in
 * detection-rules layout and, for each, {@code corpora/<name>.ndjson}, events that must alert
 * ({@code labels.expect_alert: "true"}) and near misses that must not.
 */
final class RuleCorpus {

    static final Path ROOT = root();
    static final Path RULES = ROOT.resolve("rules");
    static final Path CORPORA = ROOT.resolve("corpora");

    private RuleCorpus() {}

    static List<Path> ruleFiles() {
        try (Stream<Path> files = Files.list(RULES)) {
            return files.filter(p -> p.toString().endsWith(".toml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path corpusOf(Path ruleFile) {
        String name = ruleFile.getFileName().toString();
        return CORPORA.resolve(name.substring(0, name.length() - ".toml".length()) + ".ndjson");
    }

    private static Path root() {
        try {
            return Path.of(
                    RuleCorpus.class.getClassLoader().getResource("rule-corpus").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
