package org.maraude.dashboards;

import java.util.Map;

/**
 * The words readers see for the contract's codes (stages, platforms, channels, partner types,
 * reject reasons), in French or English. An unknown code is shown as it is (and escaped).
 */
final class Labels {
    private Labels() {}

    private static final Map<String, String[]> WORDS = Map.ofEntries(
            // platforms and sources
            e("tiktok", "TikTok", "TikTok"), e("instagram", "Instagram", "Instagram"), e("facebook", "Facebook", "Facebook"),
            e("snapchat", "Snapchat", "Snapchat"), e("youtube", "YouTube", "YouTube"), e("twitch", "Twitch", "Twitch"),
            e("google", "Google", "Google"), e("offline", "Hors ligne (affiches, flyers…)", "Offline (posters, flyers…)"),
            e("other", "Autre", "Other"), e("poster", "Affiche", "Poster"), e("friend", "Ami·e", "Friend"),
            e("school", "Établissement scolaire", "School"), e("event", "Événement", "Event"),
            // contact channels
            e("whatsapp", "WhatsApp", "WhatsApp"), e("messenger", "Messenger", "Messenger"),
            e("instagram_dm", "Instagram (messages)", "Instagram (messages)"), e("tiktok_dm", "TikTok (messages)", "TikTok (messages)"),
            e("sms", "SMS", "SMS"), e("chatbot", "Chatbot", "Chatbot"), e("phone", "Téléphone", "Phone"),
            e("email", "Courriel", "E-mail"), e("discord", "Discord", "Discord"), e("in_person", "En personne", "In person"),
            // partner types
            e("mission_locale", "Mission locale", "Mission locale"), e("france_travail", "France Travail", "France Travail"),
            e("cio", "CIO", "CIO (school guidance)"), e("afpa", "AFPA", "AFPA"), e("crij", "CRIJ", "CRIJ"), e("pij", "PIJ", "PIJ"),
            e("epide", "EPIDE", "EPIDE"), e("e2c", "E2C (école de la 2e chance)", "E2C (second-chance school)"),
            e("association", "Association", "Association"), e("employer", "Employeur", "Employer"),
            e("training", "Organisme de formation", "Training body"),
            // reject reasons (codes of the rejects table)
            e("unknown_dataset", "dossier hors du contrat de données", "folder is not a contract dataset"),
            e("bad_project_id", "nom de dossier projet invalide", "invalid project folder name"),
            e("unsupported_format", "format de fichier non pris en charge", "unsupported file format"),
            e("unreadable", "fichier illisible", "unreadable file"), e("not_utf8", "fichier non UTF-8", "file is not UTF-8"),
            e("mojibake", "accents corrompus (mojibake)", "garbled accents (mojibake)"),
            e("not_csv", "fichier non CSV", "file is not CSV"), e("empty_file", "fichier vide", "empty file"),
            e("missing_column", "colonne obligatoire absente", "required column missing"),
            e("duplicate_column", "colonne en double", "duplicate column"), e("too_many_columns", "trop de colonnes", "too many columns"),
            e("gzip_bomb", "archive anormalement volumineuse", "compressed file expands too much"),
            e("corrupt_compression", "archive corrompue", "corrupt compressed file"),
            e("native_unmapped", "export natif non reconnu", "native export not recognised"),
            e("symlink_outside", "lien symbolique hors de la boîte de dépôt", "symbolic link outside the inbox"),
            e("malformed_row", "ligne CSV mal formée", "malformed CSV row"), e("missing_value", "valeur obligatoire vide", "required value empty"),
            e("bad_number", "nombre invalide", "invalid number"), e("negative_value", "valeur négative", "negative value"),
            e("bad_date", "date invalide", "invalid date"), e("bad_timestamp", "horodatage invalide", "invalid timestamp"),
            e("date_out_of_range", "date hors de la plage plausible", "date out of range"),
            e("bad_enum", "valeur hors liste", "value not in the list"), e("bad_key", "pseudonyme invalide", "invalid pseudonym"),
            e("bad_value", "valeur au mauvais format", "badly formatted value"), e("value_too_long", "valeur trop longue", "value too long"),
            e("project_mismatch", "projet incohérent avec le dossier", "project disagrees with its folder"),
            e("personal_data", "donnée personnelle détectée (non conservée)", "personal data found (not kept)"),
            e("total_row", "ligne de totaux d'un export", "totals row of an export"));

    private static Map.Entry<String, String[]> e(String code, String fr, String en) {
        return Map.entry(code, new String[] {fr, en});
    }

    /** The reader's word for a code; {@code null} reads as "not given". */
    static String of(String code, boolean fr) {
        if (code == null) {
            return fr ? "Non renseigné" : "Not given";
        }
        String[] w = WORDS.get(code);
        return w == null ? code : w[fr ? 0 : 1];
    }

    /** A youth's source platform, where null means the contract's "unattributed". */
    static String source(String platform, boolean fr) {
        return platform == null ? (fr ? "Non attribué" : "Unattributed") : of(platform, fr);
    }
}
