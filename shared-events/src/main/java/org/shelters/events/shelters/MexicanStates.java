package org.shelters.events.shelters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The 32 ISO 3166-2:MX state codes and names, from {@code reference/mexico-states.csv} (copied from shared/reference; one copy for every service). */
public final class MexicanStates {

    private static final Map<String, String> NAMES = load();

    private MexicanStates() {
    }

    public static boolean isValid(String code) {
        return code != null && NAMES.containsKey(code);
    }

    public static Optional<String> name(String code) {
        return Optional.ofNullable(code == null ? null : NAMES.get(code));
    }

    public static Map<String, String> all() {
        return NAMES;
    }

    private static Map<String, String> load() {
        Map<String, String> names = new LinkedHashMap<>();
        try (InputStream in = MexicanStates.class.getResourceAsStream("/reference/mexico-states.csv")) {
            if (in == null) {
                throw new IllegalStateException("reference/mexico-states.csv missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine();
            String line;
            while ((line = reader.readLine()) != null) {
                String[] cells = line.split(",", -1);
                if (cells.length >= 3) {
                    names.put(cells[1].trim(), cells[2].trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (names.size() != 32) {
            throw new IllegalStateException("expected the 32 Mexican states, found " + names.size());
        }
        return Collections.unmodifiableMap(names);
    }
}
