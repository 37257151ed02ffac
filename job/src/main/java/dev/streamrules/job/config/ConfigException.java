package dev.streamrules.job.config;

/** Invalid or missing configuration; the message says which option and why. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
