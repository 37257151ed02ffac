package dev.streamrules.job.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** One scrape of a Prometheus endpoint ({@code /metrics}, text format): its samples, one line each. */
final class PrometheusScrape {

    private final List<String> samples;

    private PrometheusScrape(List<String> samples) {
        this.samples = samples;
    }

    static PrometheusScrape of(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .GET()
                .build();
        try {
            HttpResponse<String> response =
                    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            List<String> samples = new ArrayList<>();
            for (String line : response.body().split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    samples.add(line);
                }
            }
            return new PrometheusScrape(samples);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scrape " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The metric names (without labels) of every sample. */
    Set<String> names() {
        Set<String> names = new TreeSet<>();
        for (String sample : samples) {
            int end = sample.indexOf('{');
            names.add(end < 0 ? sample.substring(0, sample.indexOf(' ')) : sample.substring(0, end));
        }
        return names;
    }

    /** The samples of metric {@code name} whose labels include {@code label} (e.g. {@code reason="empty"}). */
    List<String> samples(String name, String label) {
        return samples.stream()
                .filter(s -> s.startsWith(name + "{") && s.contains(label))
                .toList();
    }

    /** The sum of the values of those samples (a counter is one sample per subtask). */
    double sum(String name, String label) {
        return samples(name, label).stream()
                .mapToDouble(s -> Double.parseDouble(s.substring(s.lastIndexOf(' ') + 1)))
                .sum();
    }
}
