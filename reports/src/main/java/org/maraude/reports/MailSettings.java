package org.maraude.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How to reach the SMTP server and whom to write to, from the config's {@code mail.*} keys:
 * <ul>
 * <li>{@code mail.smtp.host} (required to send), {@code mail.smtp.port} (default 587 for
 *     starttls, 465 for ssl, 25 for none), {@code mail.smtp.user} (empty: no login);</li>
 * <li>{@code mail.security}: {@code starttls} (default; the server must offer it), {@code ssl}
 *     (TLS from the first byte) or {@code none};</li>
 * <li>{@code mail.from}, {@code mail.to} (the funder, comma-separated), {@code mail.staff.to}
 *     (data staff, for alerts);</li>
 * <li>the password: environment variable {@code MARAUDE_MAIL_PASSWORD}, else the file named by
 *     {@code mail.password.file} (its first line). Never on the command line, never logged;</li>
 * <li>{@code mail.retry.attempts} (default 4) and {@code mail.retry.backoff.ms} (default 2000,
 *     doubled after each transient failure), {@code mail.timeout.ms} (default 30000) per SMTP
 *     operation, {@code mail.smtp.ssl.trust} (optional: space-separated hosts, or {@code *}, whose
 *     certificate is trusted without a CA or a name check, e.g. an internal relay with a self-signed
 *     certificate; otherwise the certificate must chain to a trusted CA and name the host).</li>
 * </ul>
 */
public record MailSettings(String host, int port, String user, Security security, String from, List<String> to,
        List<String> staffTo, String password, int attempts, Duration backoff, Duration timeout, String sslTrust,
        String lang) {

    public enum Security { STARTTLS, SSL, NONE }

    public static final String PASSWORD_ENV = "MARAUDE_MAIL_PASSWORD";

    /** Reads the settings from config values (as loaded by the maraude config) and the environment. */
    public static MailSettings from(Map<String, String> config, Map<String, String> env) {
        Security security;
        String sec = config.getOrDefault("mail.security", "starttls").strip().toLowerCase(Locale.ROOT);
        try {
            security = Security.valueOf(sec.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mail.security must be starttls, ssl or none, not '" + sec + "'");
        }
        int defaultPort = switch (security) {
            case STARTTLS -> 587;
            case SSL -> 465;
            case NONE -> 25;
        };
        String user = blankToNull(config.get("mail.smtp.user"));
        String password = blankToNull(env.get(PASSWORD_ENV));
        String file = blankToNull(config.get("mail.password.file"));
        if (password == null && file != null) {
            try {
                List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
                password = lines.isEmpty() ? null : blankToNull(lines.get(0));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read mail.password.file " + file + ": " + e.getMessage(), e);
            }
        }
        return new MailSettings(blankToNull(config.get("mail.smtp.host")),
                integer(config, "mail.smtp.port", defaultPort), user, security, blankToNull(config.get("mail.from")),
                list(config.get("mail.to")), list(config.get("mail.staff.to")), password,
                integer(config, "mail.retry.attempts", 4),
                Duration.ofMillis(integer(config, "mail.retry.backoff.ms", 2000)),
                Duration.ofMillis(integer(config, "mail.timeout.ms", 30000)), blankToNull(config.get("mail.smtp.ssl.trust")),
                config.getOrDefault("lang", "fr"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static int integer(Map<String, String> config, String key, int dflt) {
        String v = blankToNull(config.get(key));
        try {
            return v == null ? dflt : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("config key " + key + " must be a whole number");
        }
    }

    static List<String> list(String s) {
        return s == null ? List.of() : Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    /** A copy with other recipients (tests, or a one-off resend to someone else). */
    public MailSettings withTo(List<String> recipients) {
        return new MailSettings(host, port, user, security, from, List.copyOf(recipients), staffTo, password, attempts,
                backoff, timeout, sslTrust, lang);
    }

    /** Fails with the missing key's name when the settings cannot send to {@code recipients}. */
    void check(List<String> recipients, String recipientsKey) {
        if (host == null) {
            throw new MailException(MailException.Kind.CONFIG, "mail.smtp.host is not set in the config");
        }
        if (from == null) {
            throw new MailException(MailException.Kind.CONFIG, "mail.from is not set in the config");
        }
        if (recipients.isEmpty()) {
            throw new MailException(MailException.Kind.CONFIG, recipientsKey + " is not set in the config");
        }
        if (user != null && password == null) {
            throw new MailException(MailException.Kind.CONFIG, "mail.smtp.user is set but there is no password: set "
                    + PASSWORD_ENV + " or mail.password.file");
        }
        if (attempts < 1) {
            throw new MailException(MailException.Kind.CONFIG, "mail.retry.attempts must be at least 1");
        }
    }

    /** The server as named in messages. */
    String server() {
        return host + ":" + port + " (" + security.name().toLowerCase(Locale.ROOT) + ")";
    }

    @Override
    public String toString() {
        // never print the password
        return "MailSettings[" + server() + ", user=" + user + ", from=" + from + ", to=" + to + ", staffTo=" + staffTo
                + ", password=" + (password == null ? "none" : "***") + "]";
    }
}
