package org.maraude.reports;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The sent log: a small DuckDB file beside the releases ({@code <out>/mail-log.duckdb}; the
 * published warehouse is an immutable release and is never written to), with one row per send in
 * {@code report_sends}. A row is written as {@code sending} before the message goes out and
 * becomes {@code sent} or {@code failed} after, so a send cut short is known as such rather than
 * silently repeated. Holding the file open also keeps two maraude processes from sending at once
 * (DuckDB lets one process write a file).
 */
final class SendLog implements AutoCloseable {
    static final String FILE = "mail-log.duckdb";

    private final Connection c;

    record Entry(long id, String period, String scope, String status, Instant at, String recipients, String messageId) {}

    private SendLog(Connection c) {
        this.c = c;
    }

    static SendLog open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SEQUENCE IF NOT EXISTS report_sends_id");
                s.execute("CREATE TABLE IF NOT EXISTS report_sends (id BIGINT PRIMARY KEY DEFAULT nextval('report_sends_id'), "
                        + "period VARCHAR NOT NULL, scope VARCHAR NOT NULL, lang VARCHAR, status VARCHAR NOT NULL, "
                        + "started_at TIMESTAMPTZ NOT NULL, finished_at TIMESTAMPTZ, recipients VARCHAR, subject VARCHAR, "
                        + "message_id VARCHAR, run_id VARCHAR, pdf_sha256 VARCHAR, forced BOOLEAN, error VARCHAR)");
            }
            return new SendLog(c);
        } catch (SQLException e) {
            throw new MailException(MailException.Kind.CONFIG, "cannot open the sent log " + file + " (is another maraude "
                    + "report sending?): " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The latest send of (period, scope) that did not fail, if any. */
    Optional<Entry> latest(String period, String scope) {
        try (PreparedStatement s = c.prepareStatement("SELECT id, period, scope, status, coalesce(finished_at, started_at), "
                + "recipients, message_id FROM report_sends WHERE period = ? AND scope = ? AND status <> 'failed' "
                + "ORDER BY started_at DESC, id DESC LIMIT 1")) {
            s.setString(1, period);
            s.setString(2, scope);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Entry(r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                        r.getObject(5, java.time.OffsetDateTime.class).toInstant(), r.getString(6), r.getString(7)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the sent log: " + e.getMessage(), e);
        }
    }

    long started(String period, String scope, String lang, String recipients, String subject, String runId, String sha256,
            boolean forced) {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO report_sends (period, scope, lang, status, started_at, "
                + "recipients, subject, run_id, pdf_sha256, forced) VALUES (?, ?, ?, 'sending', ?, ?, ?, ?, ?, ?) RETURNING id")) {
            s.setString(1, period);
            s.setString(2, scope);
            s.setString(3, lang);
            s.setTimestamp(4, Timestamp.from(Instant.now()));
            s.setString(5, recipients);
            s.setString(6, subject);
            s.setString(7, runId);
            s.setString(8, sha256);
            s.setBoolean(9, forced);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the sent log: " + e.getMessage(), e);
        }
    }

    void finished(long id, String status, String messageId, String error) {
        try (PreparedStatement s = c.prepareStatement("UPDATE report_sends SET status = ?, finished_at = ?, message_id = ?, "
                + "error = ? WHERE id = ?")) {
            s.setString(1, status);
            s.setTimestamp(2, Timestamp.from(Instant.now()));
            s.setString(3, messageId);
            s.setString(4, error);
            s.setLong(5, id);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the sent log: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            c.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
