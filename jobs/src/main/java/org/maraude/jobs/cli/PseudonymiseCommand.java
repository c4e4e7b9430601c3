package org.maraude.jobs.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.maraude.jobs.ingest.Pseudonymiser;
import org.maraude.jobs.ingest.RowIssue;
import org.maraude.jobs.ingest.Secret;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code maraude pseudonymise}: for data producers. Replaces raw identity columns of a CSV by the
 * contract's HMAC-SHA256 keys. The secret comes from a file or an environment variable, never the
 * command line (where it would stay in shell history and process lists).
 */
@Command(name = "pseudonymise", mixinStandardHelpOptions = true,
        description = "Turn raw identity columns (name + birth date, phone, e-mail) into the contract's keys.",
        footer = {"", "Example: maraude pseudonymise --in contacts-raw.csv --out contacts.csv \\",
            "  --key youth_key=name_birth:first_name,last_name,birth_date --key mediator_key=email:mediator_email \\",
            "  --secret-file /etc/maraude/secret"})
final class PseudonymiseCommand implements Callable<Integer> {
    @Option(names = "--in", required = true, paramLabel = "FILE", description = "raw CSV (UTF-8, comma)") Path in;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "CSV to write (replaced atomically)") Path out;
    @Option(names = "--key", required = true, paramLabel = "OUT=KIND[:COL,...]",
            description = "key column to write: KIND is name_birth, phone or email; COLs are the raw columns "
                    + "(name parts then birth date for name_birth); without COLs the column OUT is replaced in place")
    List<String> keys;
    @Option(names = "--secret-file", paramLabel = "FILE", description = "file holding the shared secret") Path secretFile;
    @Option(names = "--secret-env", paramLabel = "VAR", defaultValue = "MARAUDE_SECRET",
            description = "environment variable holding the secret (default ${DEFAULT-VALUE})") String secretEnv;
    @Option(names = "--secret", hidden = true) String refused;

    @Override
    public Integer call() throws IOException {
        if (refused != null) {
            System.err.println("maraude: the secret is refused on the command line; use --secret-file or --secret-env");
            return Maraude.USAGE;
        }
        Secret secret = secretFile != null ? Secret.fromFile(secretFile) : Secret.fromEnv(secretEnv);
        List<Pseudonymiser.KeySpec> specs = new ArrayList<>();
        for (String k : keys) {
            specs.add(spec(k));
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        Pseudonymiser.Result r;
        try (Reader reader = Files.newBufferedReader(in, StandardCharsets.UTF_8);
                Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            r = Pseudonymiser.pseudonymiseCsv(reader, writer, specs, secret);
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.printf("%d rows written, %d skipped, %d values could not be normalised (key left empty)%n",
                r.rowsWritten(), r.rowsSkipped(), r.valuesBlanked());
        for (RowIssue i : r.issues().subList(0, Math.min(20, r.issues().size()))) {
            System.out.printf("  line %d, %s: %s%n", i.line(), i.column(), i.message());
        }
        return r.rowsSkipped() + r.valuesBlanked() == 0 ? Maraude.OK : Maraude.TOO_MANY_REJECTS;
    }

    static Pseudonymiser.KeySpec spec(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--key must look like OUT=KIND[:COL,...]");
        }
        String outCol = text.substring(0, eq).strip();
        String rest = text.substring(eq + 1);
        int colon = rest.indexOf(':');
        String kindName = (colon < 0 ? rest : rest.substring(0, colon)).strip().toUpperCase(Locale.ROOT);
        Pseudonymiser.Kind kind;
        try {
            kind = Pseudonymiser.Kind.valueOf(kindName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown key kind '" + kindName.toLowerCase(Locale.ROOT)
                    + "' (name_birth, phone or email)");
        }
        List<String> cols = colon < 0 ? List.of(outCol)
                : Arrays.stream(rest.substring(colon + 1).split(",")).map(String::strip).toList();
        return new Pseudonymiser.KeySpec(outCol, kind, cols);
    }
}
