package org.maraude.reports;

import java.util.HashMap;
import java.util.Map;

final class MailTestSupport {
    private MailTestSupport() {}

    /** Settings as the config would give them, with a small backoff for tests. */
    static MailSettings settings(String host, int port, String security, String user, String password,
            Map<String, String> extra) {
        Map<String, String> c = new HashMap<>();
        c.put("mail.smtp.host", host);
        c.put("mail.smtp.port", Integer.toString(port));
        c.put("mail.security", security);
        if (user != null) {
            c.put("mail.smtp.user", user);
        }
        c.put("mail.from", "maraude@example.org");
        c.put("mail.to", "funder@example.org, copy@example.org");
        c.put("mail.staff.to", "data@example.org");
        c.put("mail.retry.attempts", "3");
        c.put("mail.retry.backoff.ms", "10");
        c.put("mail.timeout.ms", "5000");
        c.putAll(extra);
        Map<String, String> env = password == null ? Map.of() : Map.of(MailSettings.PASSWORD_ENV, password);
        return MailSettings.from(c, env);
    }
}
