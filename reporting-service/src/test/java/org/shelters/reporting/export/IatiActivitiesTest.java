package org.shelters.reporting.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.ReportSnapshot;
import org.shelters.reporting.shelters.ShelterDoc;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class IatiActivitiesTest {

    static final LocalDate TODAY = LocalDate.parse("2026-11-20");

    @Test
    void aBudgetOverMoreThanAYearIsCutIntoYearlyPeriodsThatAddUpToIt() throws Exception {
        AgreementDoc a = agreement("SIGNED", LocalDate.parse("2026-01-01"), LocalDate.parse("2027-06-30"));
        a.originalBudget = new BigDecimal("10000");
        a.budget = new BigDecimal("13000.50");
        a.amendments = 2;
        Document doc = write(a);
        for (String type : List.of("1", "2")) {
            List<Element> budgets = elements(doc, "//budget[@type='" + type + "']");
            assertThat(budgets).hasSize(2);
            assertThat(budgets.get(0).getElementsByTagName("period-start").item(0).getAttributes()
                    .getNamedItem("iso-date").getTextContent()).isEqualTo("2026-01-01");
            assertThat(budgets.get(0).getElementsByTagName("period-end").item(0).getAttributes()
                    .getNamedItem("iso-date").getTextContent()).isEqualTo("2026-12-31");
            assertThat(budgets.get(1).getElementsByTagName("period-start").item(0).getAttributes()
                    .getNamedItem("iso-date").getTextContent()).isEqualTo("2027-01-01");
            BigDecimal sum = budgets.stream().map(b -> new BigDecimal(b.getElementsByTagName("value").item(0)
                    .getTextContent())).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(sum).isEqualByComparingTo(type.equals("1") ? "10000" : "13000.50");
        }
        // 365 of 546 days in the first year
        assertThat(new BigDecimal(elements(doc, "//budget[@type='1']/value").get(0).getTextContent()))
                .isEqualByComparingTo("6684.98");
    }

    @Test
    void statusesMapToTheIatiActivityStatusCodes() {
        assertThat(IatiActivities.status("SIGNED")).isEqualTo(2);
        assertThat(IatiActivities.status("SUSPENDED")).isEqualTo(6);
        assertThat(IatiActivities.status("EXPIRED")).isEqualTo(3);
        assertThat(IatiActivities.status("COMPLETED")).isEqualTo(4);
        assertThat(IatiActivities.status("TERMINATED")).isEqualTo(5);
    }

    @Test
    void anExpiredAgreementHasItsActualEndAndAFutureOneNoActualStart() throws Exception {
        AgreementDoc expired = agreement("EXPIRED", LocalDate.parse("2026-01-01"), LocalDate.parse("2026-06-30"));
        Document doc = write(expired);
        assertThat(elements(doc, "//iati-activity[@hierarchy='2']/activity-date[@type='4']")).hasSize(1);
        AgreementDoc future = agreement("SIGNED", LocalDate.parse("2027-01-01"), LocalDate.parse("2027-06-30"));
        assertThat(elements(write(future), "//iati-activity[@hierarchy='2']/activity-date[@type='2']")).isEmpty();
    }

    private static AgreementDoc agreement(String status, LocalDate start, LocalDate end) {
        AgreementDoc a = AgreementDoc.empty("AGR-1");
        a.shelterId = "S1";
        a.programmeCode = "MX-SHELTERS";
        a.donor = "ECHO";
        a.status = status;
        a.signedOn = start;
        a.periodStart = start;
        a.periodEnd = end;
        a.currency = "EUR";
        return a;
    }

    private static Document write(AgreementDoc a) throws Exception {
        ShelterDoc shelter = ShelterDoc.empty("S1");
        shelter.name = "Casa";
        shelter.state = "MX-CHP";
        ReportSnapshot snapshot = ReportSnapshot.of(1, TODAY, List.of(shelter), List.of(a), List.of());
        byte[] file = new IatiActivities(IatiSettings.DEFAULTS, "IOM").write(snapshot, ReportFilter.NONE,
                List.of(new IatiActivities.Reported(a, shelter)), () -> new PublishedCounts(new SmallCells(5), false));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(file));
    }

    private static List<Element> elements(Document doc, String xpath) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, doc, XPathConstants.NODESET);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }
}
