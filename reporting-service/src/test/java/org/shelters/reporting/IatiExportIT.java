package org.shelters.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.shelters.events.EventJson;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/**
 * The IATI 2.03 activity file from the real service on the embedded stack, with a programme in it
 * ({@link ExportProgramme}: agreements, an amendment, a delivery, a training session, arrivals):
 * valid by the official 2.03 XSD ({@code reference/iati-2.03/}, imports resolved from that folder,
 * no network, no external entities) for each kind of reader, its codes on the lists of
 * {@code reference/iati-and-sphere.md} (read from the file), and the facts where IATI expects
 * them. {@code xmllint --schema} checks it a second time where it is installed.
 */
class IatiExportIT extends ReportingIT {

    private static final String PATH = "/api/reports/exports/iati-activities.xml";

    ExportProgramme fed;

    @BeforeEach
    void feed() {
        fed = ExportProgramme.feed(programme, today(), path -> request("GET", path).body());
    }

    @Test
    void theFileIsValidByTheOfficialSchemaForAnAnalystADonorAndAPartner() throws Exception {
        Schema schema = schema();
        for (String token : List.of(as("ANALYST"), as("DONOR"), ISSUER.partner("partner-of-a", List.of(fed.shelterA())))) {
            byte[] file = file(PATH + "?donor=" + fed.donor(), token);
            assertThat(validate(schema, file)).as(new String(file, java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
        }
        byte[] withoutReportingOrg = new String(file(PATH + "?donor=" + fed.donor(), as("ANALYST")),
                java.nio.charset.StandardCharsets.UTF_8).replaceAll("(?s)<reporting-org .*?</reporting-org>", "")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(validate(schema, withoutReportingOrg)).as("the schema does check: reporting-org is required").isNotEmpty();
    }

    @Test
    void everyCodeIsOnTheIatiCodeListsOfTheReference() throws Exception {
        Map<String, Set<String>> lists = codeLists();
        assertThat(lists.keySet()).contains("activity-status", "activity-date type", "budget type", "budget status",
                "participating-org role", "DAC sectors", "IOM's organisation identifier");
        for (String token : List.of(as("ANALYST"), as("DONOR"))) {
            Document doc = parse(file(PATH + "?donor=" + fed.donor(), token));
            assertThat(values(doc, "//activity-status/@code")).isNotEmpty().isSubsetOf(lists.get("activity-status"));
            assertThat(values(doc, "//activity-date/@type")).isNotEmpty().isSubsetOf(lists.get("activity-date type"));
            assertThat(values(doc, "//budget/@type")).isNotEmpty().isSubsetOf(lists.get("budget type"));
            assertThat(values(doc, "//budget/@status")).isNotEmpty().isSubsetOf(lists.get("budget status"));
            assertThat(distinct(doc, "//participating-org/@role")).containsExactlyInAnyOrder("1", "2", "3", "4")
                    .isSubsetOf(lists.get("participating-org role"));
            assertThat(distinct(doc, "//sector/@code")).containsExactlyInAnyOrder("72010", "15190")
                    .isSubsetOf(lists.get("DAC sectors"));
            assertThat(distinct(doc, "//sector/@vocabulary")).containsExactly("1");
            String iom = lists.get("IOM's organisation identifier").iterator().next();
            assertThat(distinct(doc, "//reporting-org/@ref")).containsExactly(iom);
            assertThat(distinct(doc, "//reporting-org/@type")).as("multilateral").containsExactly("40");
            assertThat(values(doc, "//iati-identifier")).allMatch(id -> id.startsWith(iom + "-"));
            assertThat(distinct(doc, "//recipient-country/@code")).containsExactly("MX");
        }
    }

    @Test
    void theProgrammeIsTheParentActivityAndEachAgreementAChildWithItsShelterAndState() throws Exception {
        Document doc = parse(file(PATH + "?donor=" + fed.donor(), as("ANALYST")));
        List<Element> parents = elements(doc, "//iati-activity[@hierarchy='1']");
        List<Element> children = elements(doc, "//iati-activity[@hierarchy='2']");
        assertThat(parents).hasSize(1);
        assertThat(children).hasSize(5);
        String parentId = text(parents.get(0), "iati-identifier");
        assertThat(parentId).isEqualTo("XM-DAC-47066-MX-SHELTERS");
        assertThat(values(parents.get(0), "related-activity[@type='2']/@ref"))
                .containsExactlyElementsOf(children.stream().map(c -> text(c, "iati-identifier")).toList());
        assertThat(children).allMatch(c -> parentId.equals(text(c, "related-activity[@type='1']/@ref")));
        assertThat(values(parents.get(0), "budget")).as("money is on the agreements only").isEmpty();
        assertThat(values(parents.get(0), "location/@ref")).containsExactly("MX-CHH", "MX-CHP", "MX-SLP");

        Element a = child(children, fed.agreementA());
        assertThat(text(a, "participating-org[@role='1']/narrative")).isEqualTo(fed.donor());
        assertThat(text(a, "participating-org[@role='4']/narrative")).isEqualTo(ExportProgramme.NAME_A);
        assertThat(values(a, "participating-org[@role='2' or @role='3']/@ref")).containsExactly("XM-DAC-47066", "XM-DAC-47066");
        assertThat(text(a, "activity-status/@code")).as("signed: implementation").isEqualTo("2");
        assertThat(text(a, "activity-date[@type='1']/@iso-date")).isEqualTo(fed.start().toString());
        assertThat(text(a, "activity-date[@type='3']/@iso-date")).isEqualTo(fed.end().toString());
        assertThat(text(a, "activity-date[@type='2']/@iso-date")).isEqualTo(fed.start().toString());
        assertThat(text(a, "location/@ref")).isEqualTo("MX-CHP");
        assertThat(text(a, "location/name/narrative")).isEqualTo("Chiapas (MX-CHP)");
        assertThat(child(children, fed.agreementE()).getAttribute("default-currency")).isEqualTo("MXN");
    }

    @Test
    void budgetsAreOriginalAndRevisedAndResultsArePerUnitAndBySex() throws Exception {
        Document doc = parse(file(PATH + "?donor=" + fed.donor(), as("ANALYST")));
        Element a = child(elements(doc, "//iati-activity[@hierarchy='2']"), fed.agreementA());
        assertThat(text(a, "budget[@type='1']/value")).as("the signed budget").isEqualTo("10000");
        assertThat(text(a, "budget[@type='2']/value")).as("after the amendment").isEqualTo("12000");
        assertThat(values(a, "budget/@status")).containsOnly("2");
        assertThat(values(a, "budget/value/@currency")).containsOnly("USD");
        assertThat(values(a, "budget/value/@value-date")).containsOnly(fed.start().toString());
        Element e = child(elements(doc, "//iati-activity[@hierarchy='2']"), fed.agreementE());
        assertThat(text(e, "budget[@type='1']/value/@currency")).isEqualTo("MXN");
        assertThat(values(e, "budget[@type='2']")).as("never amended").isEmpty();

        String people = "result[title/narrative='People received at the shelter']/indicator/period/";
        assertThat(text(a, people + "actual[not(dimension)]/@value")).isEqualTo("32");
        assertThat(text(a, people + "actual[dimension/@value='female']/@value")).isEqualTo("16");
        assertThat(text(a, people + "actual[dimension/@value='male']/@value")).isEqualTo("16");
        String training = "result[title/narrative='Training for shelter staff and volunteers']/indicator/period/";
        assertThat(text(a, training + "target/@value")).as("planned participants").isEqualTo("20");
        assertThat(text(a, training + "actual[not(dimension)]/@value")).isEqualTo("10");
        assertThat(text(a, training + "actual[dimension/@name='sex' and dimension/@value='female']/@value")).isEqualTo("6");
        assertThat(text(a, training + "actual[dimension/@name='sex' and dimension/@value='male']/@value")).isEqualTo("4");
        String medicines = "result[title/narrative='Supplies delivered: Medicines']/indicator";
        assertThat(values(a, medicines + "/title/narrative")).as("one indicator per unit, never a sum of units")
                .containsExactly("Medicines accepted at the shelter, in packs", "Medicines accepted at the shelter, in tablets");
        assertThat(values(a, medicines + "/period/actual/@value")).containsExactly("10", "400");
        assertThat(values(a, medicines + "/period/target/@value")).as("committed, current terms").containsExactly("50", "1200");
        assertThat(values(a, medicines + "/@measure")).containsOnly("1");
    }

    @Test
    void aDonorGetsAnEndedPeriodAndNoSmallCountOfPeople() throws Exception {
        Document doc = parse(file(PATH + "?donor=" + fed.donor(), as("DONOR")));
        java.time.YearMonth lastMonth = java.time.YearMonth.from(today()).minusMonths(1);
        assertThat(values(doc, "//result/indicator/period/period-end/@iso-date"))
                .isNotEmpty().allMatch(d -> !java.time.LocalDate.parse(d).isAfter(lastMonth.atEndOfMonth()));
        assertThat(values(doc, "//target")).as("targets are for the whole agreement, not a month").isEmpty();
        Element a = child(elements(doc, "//iati-activity[@hierarchy='2']"), fed.agreementA());
        String people = "result[title/narrative='People received at the shelter']/indicator/period/actual";
        assertThat(values(a, people + "/@value")).as("2 people last month, 1 woman and 1 man").isEmpty();
        assertThat(values(a, people + "/comment/narrative")).hasSize(3)
                .allMatch(c -> c.contains("small-cell disclosure control"));
        List<String> small = new ArrayList<>();
        for (String v : values(doc, "//result[not(starts-with(title/narrative, 'Supplies'))]//actual/@value")) {
            if (Long.parseLong(v) > 0 && Long.parseLong(v) < 5) {
                small.add(v);
            }
        }
        assertThat(small).as("counts of people between 1 and 4").isEmpty();

        HttpResponse<String> window = request("GET", PATH + "?from=2026-01-01", as("DONOR"));
        assertThat(window.statusCode()).isEqualTo(400);
        assertThat(EventJson.mapper().readTree(window.body()).path("errors").get(0).get("field").asString()).isEqualTo("from");
    }

    @Test
    void aFilterWithNoAgreementIsNoContentAndAnUnknownParameterIsRefused() {
        assertThat(request("GET", PATH + "?donor=" + Programme.id("nobody"), as("ANALYST")).statusCode()).isEqualTo(204);
        HttpResponse<String> unknown = request("GET", PATH + "?donr=x", as("ANALYST"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("\"donr\"");
    }

    @Test
    void xmllintAgreesWhereItIsInstalled() throws Exception {
        Path xmllint = Path.of("/usr/bin/xmllint");
        assumeTrue(Files.isExecutable(xmllint), "skipped: xmllint is not installed (Debian: libxml2-utils); "
                + "the javax.xml.validation check above still runs");
        Path xsd = Reference.file("iati-2.03/iati-activities-schema.xsd");
        Path file = Files.createTempFile("iati-activities", ".xml");
        try {
            Files.write(file, file(PATH + "?donor=" + fed.donor(), as("ANALYST")));
            Process lint = new ProcessBuilder(xmllint.toString(), "--noout", "--nonet", "--schema", xsd.toString(),
                    file.toString()).redirectErrorStream(true).start();
            String output = new String(lint.getInputStream().readAllBytes());
            assertThat(lint.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(lint.exitValue()).as(output).isZero();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    // ------------------------------------------------------------------ the official schema

    /** The 2.03 XSD with its includes and imports read from its own folder; nothing fetched from the network. */
    static Schema schema() throws Exception {
        Path xsd = Reference.file("iati-2.03/iati-activities-schema.xsd");
        assumeTrue(Files.exists(xsd.resolveSibling("iati-common.xsd")) && Files.exists(xsd.resolveSibling("xml.xsd")),
                "skipped: iati-common.xsd and xml.xsd must be beside the 2.03 schema");
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file");
        return factory.newSchema(xsd.toFile());
    }

    /** Every error and warning of validating {@code file}; empty when valid. */
    static List<String> validate(Schema schema, byte[] file) throws Exception {
        Validator validator = schema.newValidator();
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        List<String> problems = new ArrayList<>();
        validator.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                problems.add("warning line " + e.getLineNumber() + ": " + e.getMessage());
            }

            @Override
            public void error(SAXParseException e) {
                problems.add("error line " + e.getLineNumber() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                problems.add("fatal line " + e.getLineNumber() + ": " + e.getMessage());
            }
        });
        validator.validate(new StreamSource(new ByteArrayInputStream(file)));
        return problems;
    }

    /**
     * The code lists of {@code iati-and-sphere.md}, by label: "activity-status" → {1..6}, "budget
     * type", "budget status", "participating-org role", "DAC sectors" → their codes, "IOM's
     * organisation identifier" → the identifier. A line's segments (split at ';') each name a list
     * before their first ':'.
     */
    static Map<String, Set<String>> codeLists() throws IOException {
        String md = Files.readString(Reference.file("iati-and-sphere.md"));
        String iati = md.substring(0, md.indexOf("# Sphere"));
        List<String> items = new ArrayList<>();
        for (String line : iati.split("\n")) {
            if (line.startsWith("- ")) {
                items.add(line.substring(2));
            } else if (line.startsWith("  ") && !items.isEmpty()) {
                items.set(items.size() - 1, items.get(items.size() - 1) + " " + line.trim());
            }
        }
        Map<String, Set<String>> lists = new HashMap<>();
        Pattern code = Pattern.compile("(?:^|,\\s*)(\\d+)\\s+[A-Za-z]");
        for (String item : items) {
            for (String segment : item.split(";")) {
                int colon = segment.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String label = segment.substring(0, colon).trim();
                String body = segment.substring(colon + 1).trim();
                Set<String> codes = new LinkedHashSet<>();
                Matcher m = code.matcher(body);
                while (m.find()) {
                    codes.add(m.group(1));
                }
                if (codes.isEmpty() && body.matches("[A-Z]{2}-[A-Z]+-\\d+")) {
                    codes.add(body);
                }
                lists.put(label, codes);
            }
        }
        return lists;
    }

    // ------------------------------------------------------------------ reading the file

    private byte[] file(String path, String token) {
        try {
            HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(path + " " + new String(response.body())).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
            return response.body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Document parse(byte[] file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(file));
    }

    private static List<String> values(Object node, String xpath) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, node, XPathConstants.NODESET);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getTextContent().trim());
        }
        return values;
    }

    private static Set<String> distinct(Object node, String xpath) throws Exception {
        return new LinkedHashSet<>(values(node, xpath));
    }

    private static List<Element> elements(Object node, String xpath) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, node, XPathConstants.NODESET);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private static String text(Element node, String xpath) {
        try {
            return XPathFactory.newInstance().newXPath().evaluate(xpath, node).trim();
        } catch (Exception e) {
            throw new IllegalStateException(xpath, e);
        }
    }

    private static Element child(List<Element> children, String agreementId) {
        return children.stream().filter(c -> text(c, "iati-identifier").endsWith("-" + agreementId)).findFirst()
                .orElseThrow(() -> new AssertionError("no activity for " + agreementId));
    }
}
