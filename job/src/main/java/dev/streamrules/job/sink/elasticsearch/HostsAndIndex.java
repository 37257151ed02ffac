package dev.streamrules.job.sink.elasticsearch;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What Elasticsearch accepts as hosts and as an index name. Used by the sink builder and by the
 * job's configuration check, so that both report the same problems in the same words.
 */
public final class HostsAndIndex {

    private static final String NOT_HTTP =
            "host \"%s\" must be a URL starting with http:// or https:// (e.g. http://localhost:9200)";

    private HostsAndIndex() {}

    /** The hosts as {@code scheme://host:port}, duplicates dropped; each problem is added to {@code problems}. */
    public static List<String> normalizeHosts(List<String> hosts, List<String> problems) {
        Set<String> normalized = new LinkedHashSet<>();
        if (hosts.isEmpty() || hosts.stream().allMatch(h -> h == null || h.isEmpty())) {
            problems.add("at least one host is required (setHosts, e.g. http://localhost:9200)");
            return List.of();
        }
        for (String host : hosts) {
            if (host == null || host.isEmpty()) {
                problems.add("empty host in the host list");
                continue;
            }
            String url = normalizeHost(host, problems);
            if (url != null && !normalized.add(url)) {
                problems.add("host " + url + " is listed twice");
            }
        }
        long https = normalized.stream().filter(h -> h.startsWith("https://")).count();
        if (https > 0 && https < normalized.size()) {
            problems.add("hosts mix http:// and https://; use one scheme for all");
        }
        return new ArrayList<>(normalized);
    }

    /** {@code scheme://host:port} for a valid URL, else null with the reason added to {@code problems}. */
    static String normalizeHost(String host, List<String> problems) {
        String lower = host.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            problems.add(NOT_HTTP.formatted(host));
            return null;
        }
        URI uri;
        try {
            uri = new URI(host);
        } catch (URISyntaxException e) {
            problems.add("host \"" + host + "\" is not a URL: " + e.getReason());
            return null;
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)
                || uri.getHost() == null && uri.getRawAuthority() == null) {
            problems.add(NOT_HTTP.formatted(host));
            return null;
        }
        if (uri.getRawUserInfo() != null) {
            problems.add("host \"" + uri.getHost()
                    + "\" must not carry credentials in its URL; use setBasicAuth or setApiKey");
            return null;
        }
        if (uri.getHost() == null) {
            problems.add("host \"" + host + "\" has no valid host name");
            return null;
        }
        if (uri.getPort() < 0) {
            problems.add(
                    "host \"" + host + "\" needs an explicit port (e.g. " + scheme + "://" + uri.getHost() + ":9200)");
            return null;
        }
        if (uri.getRawPath() != null
                && !uri.getRawPath().isEmpty()
                && !uri.getRawPath().equals("/")) {
            problems.add("host \"" + host + "\" must not have a path (" + uri.getRawPath() + ")");
            return null;
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            problems.add("host \"" + host + "\" must not have a query or fragment");
            return null;
        }
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + uri.getPort();
    }

    /** Elasticsearch's index naming rules; each broken one is added to {@code problems}. */
    public static void checkIndex(String index, List<String> problems) {
        if (index == null || index.isEmpty()) {
            problems.add("index must not be empty");
            return;
        }
        if (!index.equals(index.toLowerCase(Locale.ROOT))) {
            problems.add("index \"" + index + "\" must be lowercase");
        }
        if (index.startsWith("-") || index.startsWith("_") || index.startsWith("+")) {
            problems.add("index \"" + index + "\" must not start with -, _ or +");
        }
        if (index.equals(".") || index.equals("..")) {
            problems.add("index must not be . or ..");
        }
        for (char c : new char[] {'\\', '/', '*', '?', '"', '<', '>', '|', ' ', ',', '#', ':'}) {
            if (index.indexOf(c) >= 0) {
                problems.add("index \"" + index + "\" must not contain '" + c + "'");
            }
        }
        if (index.getBytes(StandardCharsets.UTF_8).length > 255) {
            problems.add("index name must be at most 255 bytes");
        }
    }
}
