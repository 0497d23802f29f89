package org.shelters.agreements.shelter;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What makes two registrations the same shelter: the state, and the municipality and name as a
 * person would read them. "Albergue  Señor de la Misericordia" in "San Cristóbal de las Casas" and
 * "albergue senor de la misericordia" in "SAN CRISTOBAL DE LAS CASAS" are one shelter, so the
 * texts are compared without accents, case or extra white space.
 *
 * @param state        ISO 3166-2:MX code, compared as it is (the profile only accepts the exact codes)
 * @param municipality folded
 * @param name         folded
 */
public record ShelterKey(String state, String municipality, String name) {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    public static ShelterKey of(Shelter shelter) {
        return new ShelterKey(shelter.state(), fold(shelter.municipality()), fold(shelter.name()));
    }

    /**
     * One string for the key, e.g. {@code MX-CHP|san cristobal de las casas|albergue senor de la misericordia}.
     * A {@code |} or {@code \} inside a text is escaped, so no two keys share a value.
     */
    public String value() {
        return escaped(state) + "|" + escaped(municipality) + "|" + escaped(name);
    }

    /**
     * Decomposes accented letters and drops the accents (NFKD also folds full-width and other
     * compatibility forms), folds case fully (upper then lower, so "ß" equals "SS"), and folds
     * every run of white space, Unicode's included, into one space.
     */
    static String fold(String text) {
        String unaccented = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
        String folded = unaccented.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return WHITE_SPACE.matcher(folded).replaceAll(" ").strip();
    }

    private static String escaped(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|");
    }
}
