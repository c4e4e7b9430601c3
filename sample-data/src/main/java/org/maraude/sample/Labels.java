package org.maraude.sample;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Human titles of creatives (French, fictitious). Some deliberately contain commas, quotes and
 * {@code < > &} so that CSV quoting and HTML escaping are exercised; none names a real person.
 */
final class Labels {
    private Labels() {}

    private static String theme(String t) {
        switch (t) {
            case "confidence": return "Tu doutes ? On en parle, sans jugement";
            case "cv": return "Ton CV en 10 minutes, on t'aide";
            case "jobs": return "Un job près de chez toi";
            case "orientation": return "Pas d'idée de métier ? Écris-nous";
            case "alternance": return "L'alternance : payé·e pour apprendre";
            case "esport": return "Tournoi esport : viens jouer, parle avenir";
            case "gaming": return "Gamer ? Ton talent compte";
            case "music": return "Masterclass beatmaking en direct";
            case "rap": return "Battle de rap <finale> & masterclass";
            case "dance": return "Atelier danse, viens comme tu es";
            case "sport": return "Foot en bas de chez toi, et après ?";
            case "handicap": return "RQTH : on t'accompagne, à ton rythme";
            case "mobilite": return "Permis, transport : des solutions";
            case "outremer": return "Jeunes des Outre-mer, \"on est là\"";
            default: return "On est là pour toi";
        }
    }

    static String paid(String t, int n, SplittableRandom r) {
        return theme(t) + " — v" + n;
    }

    static String series(String t, String platform, SplittableRandom r) {
        return "Série " + platform + " : " + theme(t);
    }

    static String influencer(String creator, String t, SplittableRandom r) {
        return "Partenariat " + creator + " — " + theme(t);
    }

    static String live(String t, String platform, SplittableRandom r) {
        return "Live " + platform + " : " + theme(t);
    }

    static String offline(String format, String dept, SplittableRandom r) {
        String f;
        switch (format) {
            case "poster": f = "Affiche QR"; break;
            case "flyer": f = "Flyer QR"; break;
            case "sticker": f = "Sticker QR"; break;
            case "screen": f = "Écran gare QR"; break;
            default: f = "Support QR";
        }
        return f + " — " + Reference.name(dept) + " (" + dept + ")";
    }

    static String event(String t, String dept, SplittableRandom r) {
        return "Événement " + t.toLowerCase(Locale.ROOT) + " — " + Reference.name(dept);
    }
}
