package org.maraude.jobs.ingest;

import java.util.Optional;
import java.util.regex.Pattern;

/** Finds cells that look like personal data. The value is never returned, logged or thrown. */
public final class PersonalData {
    private PersonalData() {}

    public enum Kind { EMAIL, PHONE, NIR }

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern FR_PHONE =
            Pattern.compile("(?<![0-9])(?:\\+33|0033|0)\\s?[1-9](?:[\\s.-]?[0-9]{2}){4}(?![0-9])");

    public static Optional<Kind> find(String cell) {
        if (cell == null || cell.isEmpty()) {
            return Optional.empty();
        }
        if (cell.indexOf('@') >= 0 && EMAIL.matcher(cell).find()) {
            return Optional.of(Kind.EMAIL);
        }
        int digits = 0;
        for (int i = 0; i < cell.length(); i++) {
            if (Character.isDigit(cell.charAt(i))) {
                digits++;
            }
        }
        if (digits >= 9 && FR_PHONE.matcher(cell).find()) {
            return Optional.of(Kind.PHONE);
        }
        return Optional.empty();
    }
}
