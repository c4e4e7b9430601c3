package org.maraude.jobs.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PseudonymiserTest {

    private static final byte[] RAW = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Secret SECRET = Secret.of(RAW);
    // computed independently: python3 hmac.new(secret, b"email:jean.dupont@gmail.com", sha256).hexdigest()
    private static final String EMAIL_KEY = "019c8f5275bf16dffb851942b36f39a347aa19a521ebcf83800adef6d6f5aaba";
    private static final String PHONE_KEY = "c5bfc0cad8907c67315bac7da042abf525f8515752630c53ae32f8dae7d75b90";
    private static final String NAME_KEY = "abe5f831382fbbad1285ec1d4528e8ed80b26d0faf0c9ed39d98288bb3f518f1";

    @Test
    void keyIsLowercaseHexHmacSha256OfKindAndValue() {
        assertEquals(EMAIL_KEY, Pseudonymiser.key(RAW, "email", "jean.dupont@gmail.com"));
        assertEquals(PHONE_KEY, Pseudonymiser.key(RAW, "phone", "+33612345678"));
        assertEquals(NAME_KEY, Pseudonymiser.key(RAW, "name_birth", "jean pierre|n diaye|2007-03-14"));
        assertTrue(EMAIL_KEY.matches("[0-9a-f]{64}"));
    }

    @Test
    void sameInputSameKeyAndKindsAreSeparated() {
        assertEquals(Pseudonymiser.key(RAW, "email", "x@y.fr"), Pseudonymiser.key(RAW, "email", "x@y.fr"));
        assertNotEquals(Pseudonymiser.key(RAW, "email", "x@y.fr"), Pseudonymiser.key(RAW, "phone", "x@y.fr"));
        byte[] other = "another-secret-of-enough-length!".getBytes(StandardCharsets.US_ASCII);
        assertNotEquals(Pseudonymiser.key(RAW, "email", "x@y.fr"), Pseudonymiser.key(other, "email", "x@y.fr"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "0612345678 | +33612345678",
        "06 12 34 56 78 | +33612345678",
        "06.12.34.56.78 | +33612345678",
        "06-12-34-56-78 | +33612345678",
        "+33 6 12 34 56 78 | +33612345678",
        "+33612345678 | +33612345678",
        "+33 (0)6 12 34 56 78 | +33612345678",
        "0033 6 12 34 56 78 | +33612345678",
        "612345678 | +33612345678",
        "01 45 67 89 10 | +33145678910",
        "0690 12 34 56 | +590690123456",
        "+33 6 90 12 34 56 | +590690123456",
        "0692 12 34 56 | +262692123456",
        "0596 12 34 56 | +596596123456",
        "+44 20 7946 0958 | +442079460958",
        "+1 415 555 0100 | +14155550100",
        "0044 20 7946 0958 | +442079460958",
    })
    void phonesBecomeE164(String raw, String expected) {
        assertEquals(expected, Pseudonymiser.normalisePhone(raw));
    }

    @Test
    void phoneSpellingsShareOneKey() {
        assertEquals(PHONE_KEY, Pseudonymiser.key(SECRET, Pseudonymiser.Kind.PHONE, "06 12 34 56 78"));
        assertEquals(PHONE_KEY, Pseudonymiser.key(SECRET, Pseudonymiser.Kind.PHONE, "+33 (0)6.12.34.56.78"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {"12345", "06 12 34 56 7", "appelle-moi", "+0612345678", "0612345678901"})
    void badPhonesAreRefusedWithoutTheValue(String raw) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pseudonymiser.normalisePhone(raw));
        assertFalse(e.getMessage().contains(raw));
    }

    @Test
    void emailsAreTrimmedAndLowercased() {
        assertEquals("jean.dupont@gmail.com", Pseudonymiser.normaliseEmail("  Jean.Dupont@GMAIL.com "));
        assertEquals(EMAIL_KEY, Pseudonymiser.key(SECRET, Pseudonymiser.Kind.EMAIL, " JEAN.DUPONT@gmail.COM"));
        assertThrows(IllegalArgumentException.class, () -> Pseudonymiser.normaliseEmail("jean.dupont"));
        assertThrows(IllegalArgumentException.class, () -> Pseudonymiser.normaliseEmail("a@b@c"));
        assertThrows(IllegalArgumentException.class, () -> Pseudonymiser.normaliseEmail("jean dupont@x.fr"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "Jean-Pierre | jean pierre",
        "  JEAN   PIERRE  | jean pierre",
        "jean--pierre | jean pierre",
        "N'Diaye | n diaye",
        "N’DIAYE | n diaye",
        "Éloïse | eloise",
        "Françoise | francoise",
        "Œdipe Lætitia | oedipe laetitia",
        "Strauß | strauss",
        "Ｊｅａｎ | jean",
    })
    void namesAreNormalised(String raw, String expected) {
        assertEquals(expected, Pseudonymiser.normaliseName(raw));
    }

    @Test
    void nameAndBirthDateAreJoined() {
        assertEquals("jean pierre|n diaye|2007-03-14",
                Pseudonymiser.normaliseNameBirth(List.of("Jean-Pierre", "N'Diaye"), "14/03/2007"));
        assertEquals("2007-03-14", Pseudonymiser.normaliseBirthDate("2007-03-14"));
        assertEquals("2007-03-04", Pseudonymiser.normaliseBirthDate("4.3.2007"));
        assertThrows(IllegalArgumentException.class, () -> Pseudonymiser.normaliseBirthDate("31/02/2007"));
        assertThrows(IllegalArgumentException.class, () -> Pseudonymiser.normaliseBirthDate("03/14/07"));
        assertThrows(IllegalArgumentException.class, () -> Pseudonymiser.normaliseName(" - "));
    }

    @Test
    void keyRefusesShortSecretsAndEmptyValues() {
        assertThrows(IllegalArgumentException.class, () -> Pseudonymiser.key(new byte[8], "email", "x@y.fr"));
        assertThrows(IllegalArgumentException.class, () -> Pseudonymiser.key(RAW, "email", ""));
        assertThrows(IllegalArgumentException.class, () -> Pseudonymiser.key(RAW, "e:mail", "x@y.fr"));
    }

    // ------------------------------------------------------------ CSV

    @Test
    void csvColumnsAreReplacedInPlace() {
        String in = "\uFEFFproject;email;phone;dept\n"
                + "p1;Jean.Dupont@gmail.com;06 12 34 56 78;75\n"
                + "p1;;;93\n"
                + "p1;pas-un-mail;+33612345678;2A\n";
        Map<String, Pseudonymiser.Kind> kinds = new LinkedHashMap<>();
        kinds.put("email", Pseudonymiser.Kind.EMAIL);
        kinds.put("phone", Pseudonymiser.Kind.PHONE);
        StringWriter out = new StringWriter();
        Pseudonymiser.Result r = Pseudonymiser.pseudonymiseCsv(new StringReader(in), out, kinds, SECRET);
        assertEquals("project,email,phone,dept\n"
                + "p1," + EMAIL_KEY + "," + PHONE_KEY + ",75\n"
                + "p1,,,93\n"
                + "p1,," + PHONE_KEY + ",2A\n", out.toString());
        assertEquals(3, r.rowsWritten());
        assertEquals(1, r.valuesBlanked());
        assertEquals(List.of(new RowIssue(4, "email", RejectReason.BAD_VALUE,
                "email: e-mail address must have one @ between a name and a domain")), r.issues());
        assertFalse(r.issues().get(0).message().contains("pas-un-mail"));
    }

    @Test
    void csvNameAndBirthDateBecomeOneKeyColumn() {
        String in = "first_name,last_name,birth_date,age_band,note\n"
                + "Jean-Pierre,N'Diaye,14/03/2007,18-21,\"a, b\"\n"
                + "Léa,,2007-01-02,15-17,x\n"
                + "bad,row\n";
        StringWriter out = new StringWriter();
        Pseudonymiser.Result r = Pseudonymiser.pseudonymiseCsv(new StringReader(in), out,
                List.of(new Pseudonymiser.KeySpec("youth_key", Pseudonymiser.Kind.NAME_BIRTH,
                        List.of("first_name", "last_name", "birth_date"))), SECRET);
        assertEquals("youth_key,age_band,note\n"
                + NAME_KEY + ",18-21,\"a, b\"\n"
                + ",15-17,x\n", out.toString());
        assertEquals(2, r.rowsWritten());
        assertEquals(1, r.rowsSkipped());
        assertEquals(List.of(
                new RowIssue(3, "first_name", RejectReason.BAD_VALUE,
                        "name_birth: some of the name and birth date cells are empty"),
                new RowIssue(4, null, RejectReason.MALFORMED_ROW, "row has 2 cells, the header 5; row not written")),
                r.issues());
    }

    @Test
    void csvMissingColumnIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pseudonymiser.pseudonymiseCsv(new StringReader("a,b\n1,2\n"), new StringWriter(),
                        Map.of("phone", Pseudonymiser.Kind.PHONE), SECRET));
        assertEquals("missing column: phone", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pseudonymiser.KeySpec.inPlace("x", Pseudonymiser.Kind.NAME_BIRTH));
    }

    // ------------------------------------------------------------ Secret

    @Test
    void secretFromFileDropsTrailingNewline(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("secret");
        Files.write(f, "0123456789abcdef0123456789abcdef\n".getBytes(StandardCharsets.US_ASCII));
        Secret s = Secret.fromFile(f);
        assertEquals(32, s.length());
        assertEquals(EMAIL_KEY, Pseudonymiser.key(s.bytes(), "email", "jean.dupont@gmail.com"));
        assertFalse(s.toString().contains("0123"));
    }

    @Test
    void emptyAndShortSecretsAreRefused(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty");
        Files.write(empty, "\n".getBytes(StandardCharsets.US_ASCII));
        IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class, () -> Secret.fromFile(empty));
        assertEquals("the pseudonymisation secret from file " + empty + " is empty", e1.getMessage());
        Path shortFile = dir.resolve("short");
        Files.write(shortFile, "s3cret".getBytes(StandardCharsets.US_ASCII));
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> Secret.fromFile(shortFile));
        assertTrue(e2.getMessage().contains("is 6 bytes long; at least 16 are required"), e2.getMessage());
        assertFalse(e2.getMessage().contains("s3cret"));
        assertThrows(java.io.UncheckedIOException.class, () -> Secret.fromFile(dir.resolve("nope")));
    }

    @Test
    void secretFromEnvironment() {
        Map<String, String> env = Map.of("MARAUDE_SECRET", "0123456789abcdef0123456789abcdef", "SHORT", "abc", "EMPTY", "");
        assertEquals(32, Secret.fromEnv("MARAUDE_SECRET", env::get).length());
        assertEquals("environment variable UNSET is not set",
                assertThrows(IllegalArgumentException.class, () -> Secret.fromEnv("UNSET", env::get)).getMessage());
        assertEquals("the pseudonymisation secret from environment variable EMPTY is empty",
                assertThrows(IllegalArgumentException.class, () -> Secret.fromEnv("EMPTY", env::get)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Secret.fromEnv("SHORT", env::get));
    }
}
