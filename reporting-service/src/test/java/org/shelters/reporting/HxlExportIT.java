package org.shelters.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shelters.events.EventJson;
import tools.jackson.databind.JsonNode;

/**
 * The CSV exports as an HXL consumer gets them, from the real service on the embedded stack: UTF-8
 * with a byte order mark (or without, {@code bom=false}), rows in Spanish order of state,
 * municipality and shelter, every hashtag and attribute of the tag row a core one of the HXL 1.1
 * hashtag dictionary or a {@code #x_} extension the README documents, and every value of the
 * types the HXL default validation schema ({@code reference/hxl/hxl-default-schema.json}) requires
 * — for an analyst and for a donor, whose suppressed counts are empty cells named in
 * {@code #x_suppressed}, not {@code <5} (which the schema would reject as a number).
 */
class HxlExportIT extends ReportingIT {

    /**
     * The core hashtags these exports use, from the HXL 1.1 hashtag dictionary
     * (https://hxlstandard.org/standard/1-1final/dictionary/), all also in
     * {@code reference/hxl-3w-export.md}: places (#country, #adm1, #adm2), organisations and
     * activities (#org, #activity, #status), people (#reached), capacity, money (#value,
     * #currency), dates and metadata (#date, #meta).
     */
    static final Set<String> HXL_CORE_HASHTAGS = Set.of("#date", "#org", "#activity", "#status", "#country", "#adm1",
            "#adm2", "#capacity", "#reached", "#value", "#currency", "#meta");

    /**
     * The core attributes used, from the same dictionary: +name, +code (identification); +prog
     * (programme organisation), +impl (implementing partner), +funder (funding organisation);
     * +reported, +start, +end (dates); +ind (individuals), +f, +m, +children, +elderly (sex and
     * age); +budget (a budget value); +source (where data comes from).
     */
    static final Set<String> HXL_CORE_ATTRIBUTES = Set.of("+name", "+code", "+prog", "+impl", "+funder", "+reported",
            "+start", "+end", "+ind", "+f", "+m", "+children", "+elderly", "+budget", "+source");

    private static final Pattern TAG = Pattern.compile("(#[a-z][a-z0-9_]*)((?:\\+[a-z][a-z0-9_]*)*)");

    ExportProgramme fed;

    @BeforeEach
    void feed() {
        fed = ExportProgramme.feed(programme, today(), path -> request("GET", path).body());
    }

    @Test
    void theCsvExportsStartWithAByteOrderMarkAndKeepAccentsUnlessAskedNot() {
        for (String export : List.of("3w.csv", "shelters.csv")) {
            byte[] body = bytes("/api/reports/exports/" + export + "?donor=" + fed.donor(), as("ANALYST"));
            assertThat(Arrays.copyOf(body, 3)).as(export + " starts with the UTF-8 BOM")
                    .containsExactly(0xEF, 0xBB, 0xBF);
            String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
            assertThat(text).contains("Éxodo Jesús", "Posada Potosí", "San Luis Potosí", "Casa del Migrante Juárez",
                    "Ángel Albino Corzo");
            byte[] plain = bytes("/api/reports/exports/" + export + "?bom=false&donor=" + fed.donor(), as("ANALYST"));
            assertThat(new String(plain, StandardCharsets.UTF_8)).as("bom=false: for machine clients")
                    .doesNotStartWith("\uFEFF").isEqualTo(text);
        }
        HttpResponse<String> bad = request("GET", "/api/reports/exports/3w.csv?bom=perhaps", as("ANALYST"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(EventJson.mapper().readTree(bad.body()).path("errors").get(0).get("field").asString()).isEqualTo("bom");
    }

    @Test
    void rowsFollowStateMunicipalityAndShelterNameInSpanishOrder() {
        List<String> expected = List.of(fed.shelterC(), fed.shelterB(), fed.shelterA(), fed.shelterD(), fed.shelterE());
        for (String export : List.of("3w.csv", "shelters.csv")) {
            List<List<String>> table = table(csv(export, as("ANALYST")));
            int code = table.get(1).indexOf("#org+impl+code");
            assertThat(table.subList(2, table.size()).stream().map(r -> r.get(code)).toList()).as(export)
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void everyTagIsCoreHxlOrADocumentedExtensionAndEveryValueHasTheTypeTheDefaultSchemaRequires() throws IOException {
        Path schemaFile = Reference.file("hxl/hxl-default-schema.json");
        List<Rule> rules = rules(EventJson.mapper().readTree(Files.readString(schemaFile)));
        assertThat(rules).as("the schema's datatype rules were read").anyMatch(r -> "number".equals(r.datatype()))
                .anyMatch(r -> "date".equals(r.datatype()));
        String readme = Files.readString(Path.of("README.md"));
        Set<String> referenceTags = referenceCoreTags();
        int checkedCells = 0;
        for (String export : List.of("3w.csv", "shelters.csv")) {
            for (String role : List.of("ANALYST", "DONOR")) {
                List<List<String>> table = table(csv(export, as(role)));
                List<String> tags = table.get(1);
                for (String tag : tags) {
                    Matcher m = TAG.matcher(tag);
                    assertThat(m.matches()).as("HXL tag syntax: " + tag).isTrue();
                    String hashtag = m.group(1);
                    List<String> attributes = attributes(m.group(2));
                    if (hashtag.startsWith("#x_")) {
                        assertThat(readme).as("the README documents the extension " + hashtag).contains(hashtag);
                    } else {
                        assertThat(HXL_CORE_HASHTAGS).as("core hashtag " + hashtag).contains(hashtag);
                        assertThat(referenceTags).as("in reference/hxl-3w-export.md: " + hashtag).contains(hashtag);
                    }
                    assertThat(HXL_CORE_ATTRIBUTES).as("core attributes of " + tag).containsAll(attributes);
                    assertThat(referenceTags).as("attributes in reference/hxl-3w-export.md: " + tag).containsAll(attributes);
                }
                assertThat(table).as(export + " as " + role + ": header, tags, five rows").hasSize(7);
                for (List<String> row : table.subList(2, table.size())) {
                    assertThat(row).hasSameSizeAs(tags);
                    for (int i = 0; i < tags.size(); i++) {
                        for (Rule rule : rules) {
                            if (rule.appliesTo(tags.get(i))) {
                                assertThat(rule.problem(row.get(i))).as(export + " as " + role + ", " + tags.get(i)
                                        + " = '" + row.get(i) + "' (" + rule.comment() + ")").isNull();
                                checkedCells++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(checkedCells).isGreaterThan(200);
    }

    @Test
    void aDonorsSmallCountsAreEmptyCellsNamedInTheRowNotMarkersThatBreakTheNumberType() {
        for (String export : List.of("3w.csv", "shelters.csv")) {
            List<List<String>> table = table(csv(export, as("DONOR")));
            List<String> tags = table.get(1);
            List<String> a = table.stream().filter(r -> r.contains(fed.shelterA())).findFirst().orElseThrow();
            // last month A received 2 people, 1 woman and 1 man
            assertThat(a.get(tags.indexOf("#reached+ind"))).as(export).isEmpty();
            assertThat(a.get(tags.indexOf("#reached+f"))).isEmpty();
            assertThat(a.get(tags.indexOf("#reached+m"))).isEmpty();
            assertThat(a.get(tags.indexOf("#reached+children"))).as("zero reveals no one").isEqualTo("0");
            assertThat(List.of(a.get(tags.indexOf("#x_suppressed")).split(" ")))
                    .containsExactlyInAnyOrder("#reached+ind", "#reached+f", "#reached+m", "#x_unaccompanied+children",
                            "#reached+elderly");
            assertThat(String.join(",", table.stream().flatMap(List::stream).toList())).doesNotContain("<5");
        }
        List<List<String>> analyst = table(csv("shelters.csv", as("ANALYST")));
        List<String> a = analyst.stream().filter(r -> r.contains(fed.shelterA())).findFirst().orElseThrow();
        assertThat(a.get(analyst.get(1).indexOf("#reached+ind"))).as("an analyst reads the total raw").isEqualTo("32");
    }

    // ------------------------------------------------------------------ reading the exports

    private String csv(String export, String token) {
        byte[] body = bytes("/api/reports/exports/" + export + "?donor=" + fed.donor(), token);
        return new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
    }

    private byte[] bytes(String path, String token) {
        try {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv;charset=UTF-8");
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** RFC 4180: quoted cells may hold commas, quotes (doubled) and line breaks. */
    static List<List<String>> table(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        return rows;
    }

    // ------------------------------------------------------------------ the HXL standard's side

    private static List<String> attributes(String group) {
        return group.isEmpty() ? List.of() : Arrays.stream(group.substring(1).split("\\+")).map(a -> "+" + a).toList();
    }

    /** The hashtags and attributes of the core tags the reference lists (its "Core tags:" paragraph). */
    private static Set<String> referenceCoreTags() throws IOException {
        String md = Files.readString(Reference.file("hxl-3w-export.md"));
        String core = md.substring(md.indexOf("Core tags:"), md.indexOf("Attributes may be added freely"));
        Set<String> found = new LinkedHashSet<>();
        Matcher m = Pattern.compile("`(#[a-z0-9_]+(?:\\+[a-z0-9_]+)*)`").matcher(core);
        while (m.find()) {
            Matcher tag = TAG.matcher(m.group(1));
            if (tag.matches()) {
                found.add(tag.group(1));
                found.addAll(attributes(tag.group(2)));
            }
        }
        return found;
    }

    /**
     * A rule of the HXL schema that says something about each value: its datatype
     * ({@code #valid_datatype}: number, date) or clean whitespace ({@code #valid_value+whitespace}).
     * Rules about a whole column (outliers, spelling, consistency) need a dataset to compare with and
     * are not checked here. Empty cells pass, as in libhxl (emptiness is {@code #valid_required}'s).
     */
    record Rule(String comment, List<String> patterns, String datatype, boolean whitespace) {

        boolean appliesTo(String tag) {
            Matcher m = TAG.matcher(tag);
            if (!m.matches()) {
                return false;
            }
            List<String> attributes = attributes(m.group(2));
            for (String pattern : patterns) {
                if (pattern.equals("#*")) {
                    return true;
                }
                Matcher p = TAG.matcher(pattern);
                if (p.matches() && p.group(1).equals(m.group(1)) && attributes.containsAll(attributes(p.group(2)))) {
                    return true;
                }
            }
            return false;
        }

        /** Why {@code value} breaks the rule, or null. */
        String problem(String value) {
            if (value.isEmpty()) {
                return null;
            }
            if (whitespace && (!value.equals(value.strip()) || value.contains("  "))) {
                return "extra whitespace";
            }
            if ("number".equals(datatype)) {
                try {
                    new BigDecimal(value);
                } catch (NumberFormatException e) {
                    return "not a number";
                }
            }
            if ("date".equals(datatype)) {
                try {
                    LocalDate.parse(value);
                } catch (java.time.format.DateTimeParseException e) {
                    return "not an ISO date";
                }
            }
            return null;
        }
    }

    private static List<Rule> rules(JsonNode schema) {
        List<Rule> rules = new ArrayList<>();
        for (JsonNode rule : schema) {
            String datatype = rule.path("#valid_datatype").asString(null);
            boolean whitespace = "true".equals(rule.path("#valid_value+whitespace").asString(""));
            if (datatype == null && !whitespace) {
                continue;
            }
            List<String> patterns = Arrays.stream(rule.get("#valid_tag").asString().split(",")).map(String::trim).toList();
            rules.add(new Rule(rule.path("#meta+comment").asString(""), patterns, datatype, whitespace));
        }
        return rules;
    }
}
