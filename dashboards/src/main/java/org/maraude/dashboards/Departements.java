package org.maraude.dashboards;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names of the French départements from INSEE's Code officiel géographique 2022 (Licence Ouverte /
 * Etalab 2.0), shipped as {@code departements-insee-cog-2022.csv} beside this class.
 */
final class Departements {
    private Departements() {}

    private static final Map<String, String> NAMES = load();

    /** "93 Seine-Saint-Denis"; an unknown code is returned as it is; null reads "not given". */
    static String label(String code, boolean fr) {
        if (code == null) {
            return Labels.of(null, fr);
        }
        String name = NAMES.get(code);
        return name == null ? code : code + " " + name;
    }

    /** Sort key that follows INSEE's order (01…19, 2A, 2B, 21…95, 971…). */
    static String order(String code) {
        if (code == null) {
            return "~";
        }
        return switch (code) {
            case "2A" -> "200A";
            case "2B" -> "200B";
            default -> code.length() == 2 ? code + "0" : code;
        };
    }

    private static Map<String, String> load() {
        Map<String, String> m = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Departements.class.getResourceAsStream("departements-insee-cog-2022.csv"), StandardCharsets.UTF_8))) {
            String header = r.readLine();
            if (header == null || !header.replace("\uFEFF", "").startsWith("DEP,")) {
                throw new IllegalStateException("unexpected header in departements-insee-cog-2022.csv");
            }
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(",", -1);
                if (f.length >= 7) {
                    m.put(f[0], f[6]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }
}
