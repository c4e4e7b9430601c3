package org.maraude.reports;

/**
 * A mail that could not be sent, with why: the message names the server, the SMTP reply where
 * there is one and what to check. Report files already written stay on disk.
 */
public final class MailException extends RuntimeException {

    /** Why sending stopped. */
    public enum Kind {
        /** A setting is missing or invalid: nothing was attempted. */
        CONFIG,
        /** The server refused the login (wrong user or password). Not retried. */
        AUTHENTICATION,
        /** The server refused the message or a recipient for good (5xx), or TLS could not be set up. Not retried. */
        REFUSED,
        /** The server could not be reached or asked to try later (4xx) on every attempt. */
        UNAVAILABLE,
        /** An earlier send of the same report was interrupted: it may or may not have arrived. */
        UNCERTAIN
    }

    private final Kind kind;

    public MailException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public MailException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
