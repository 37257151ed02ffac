package dev.streamrules.job.sink.elasticsearch;

/** The Elasticsearch sink cannot go on (e.g. maxRetries exhausted); the job fails and restarts. */
public class ElasticsearchSinkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ElasticsearchSinkException(String message) {
        super(message);
    }
}
