package org.shelters.reporting.export;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/** ISO 3166-2:MX code to state name (reference/mexico-states.csv), for #adm1+name. */
@Component
public class MexicanStates {

    private final Map<String, String> names = new HashMap<>();

    public MexicanStates() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new ClassPathResource("reference/mexico-states.csv").getInputStream(), StandardCharsets.UTF_8))) {
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
    }

    public String name(String isoCode) {
        return isoCode == null ? null : names.get(isoCode);
    }
}
