package org.shelters.reporting.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.shelters.events.shelters.MexicanStates;

/**
 * The dashboard's table of states ({@code static/dashboard/states.js}) is the reference list
 * ({@code reference/mexico-states.csv}, through {@link MexicanStates}) with a map tile for each:
 * the same 32 codes and names, and no two states on one tile.
 */
class DashboardStatesTest {

    private static final Pattern ENTRY = Pattern.compile(
            "\\{ code: '(MX-[A-Z]{3})', name: '([^']+)', col: (\\d+), row: (\\d+) }");

    @Test
    void theDashboardNamesEveryStateAsTheReferenceListDoesAndGivesEachItsOwnTile() throws IOException {
        String script;
        try (InputStream in = getClass().getResourceAsStream("/static/dashboard/states.js")) {
            assertThat(in).as("states.js on the classpath").isNotNull();
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> names = new LinkedHashMap<>();
        Set<String> tiles = new HashSet<>();
        Matcher entry = ENTRY.matcher(script);
        while (entry.find()) {
            names.put(entry.group(1), entry.group(2));
            assertThat(tiles.add(entry.group(3) + "," + entry.group(4))).as("tile of " + entry.group(1) + " is its own").isTrue();
        }
        assertThat(names).isEqualTo(MexicanStates.all());
    }
}
