package org.shelters.reporting.export;

import static org.shelters.reporting.export.ExportRules.earlier;
import static org.shelters.reporting.export.ExportRules.later;
import static org.shelters.reporting.export.ExportRules.stateName;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.export.ExportRules.Reached;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.ReportSnapshot;
import org.shelters.reporting.shelters.ShelterDoc;
import org.shelters.reporting.shipments.ShipmentDoc;

/**
 * The IATI 2.03 activity file, written with a streaming writer as it is produced (batch by batch). One parent
 * activity per programme ({@code hierarchy="1"}) and one child activity per agreement
 * ({@code hierarchy="2"}), linked both ways by {@code related-activity} (1 = parent, 2 = child).
 * Money and results are on the agreements only, so a reader adding up the file counts each once;
 * the parent says who takes part, where, in which sectors and from when to when.
 *
 * <p>Codes (IATI 2.03 code lists, as {@code reference/iati-and-sphere.md} lists them):
 * activity-status from the agreement's status (signed 2 Implementation, suspended 6 Suspended,
 * expired 3 Finalisation, completed 4 Closed, terminated 5 Cancelled); activity-date 1/3 planned
 * start/end (the current terms' period), 2 actual start (signing or the period's start, whichever
 * is later, once reached), 4 actual end (the period's end, for an expired agreement); budget type 1
 * Original (the signed budget) and, after an amendment, 2 Revised (the current terms), status 2
 * Committed, each cut into periods of at most one year, pro rata by days; participating-org role 1
 * the donor, 2 and 3 IOM (accountable, and extending the funds to the shelter), 4 the shelter.
 * Results are outputs (type 1) with measure 1 (unit): people received (with sex as a dimension),
 * training participants by sex, and supplies accepted at the shelter per category and unit — one
 * indicator per unit, never a sum across units.
 */
final class IatiActivities {

    static final String VERSION = "2.03";
    private static final String SUPPRESSED_NOTE = "Not published: between 1 and %d (small-cell disclosure control)";

    private final IatiSettings settings;
    private final String programmeOrganisation;

    IatiActivities(IatiSettings settings, String programmeOrganisation) {
        this.settings = settings;
        this.programmeOrganisation = programmeOrganisation;
    }

    /** An agreement reported, with its shelter. */
    record Reported(AgreementDoc agreement, ShelterDoc shelter) {
    }

    /**
     * What a programme's parent activity says of its agreements, gathered before the file is
     * written (the parent comes first, its children after it): who takes part, where, from when to
     * when, and the ids of its children. Small: a few values per agreement, no documents.
     */
    static final class Parent {

        private Instant updated;
        private final Set<String> donors = new TreeSet<>();
        private final Set<String> shelters = new LinkedHashSet<>();
        private final Set<Integer> statuses = new LinkedHashSet<>();
        private LocalDate plannedStart;
        private LocalDate actualStart;
        private LocalDate plannedEnd;
        private final Set<String> states = new TreeSet<>();
        private final List<String> agreements = new ArrayList<>();

        /** An agreement of the programme, in the order of the file. */
        void add(Reported r, LocalDate today) {
            AgreementDoc a = r.agreement();
            updated = latest(updated, a.lastRecordedTime);
            if (a.donor != null) {
                donors.add(a.donor);
            }
            shelters.add(shelterName(r.shelter()));
            statuses.add(status(a.status));
            plannedStart = a.periodStart == null ? plannedStart : earlier(plannedStart, a.periodStart);
            LocalDate started = IatiActivities.actualStart(a, today);
            actualStart = started == null ? actualStart : earlier(actualStart, started);
            plannedEnd = a.periodEnd == null ? plannedEnd : later(plannedEnd, a.periodEnd);
            if (r.shelter().state != null) {
                states.add(r.shelter().state);
            }
            agreements.add(a.id);
        }

        private static Instant latest(Instant a, Instant b) {
            return a == null ? b : b == null || !b.isAfter(a) ? a : b;
        }
    }

    /** Writes the children of one programme, in the file's order, batch by batch. */
    interface Children {
        void write(String programme, Sink sink);
    }

    /** Where {@link Children} write: one child activity at a time, flushed after each batch. */
    interface Sink {
        void child(Reported reported, ReportSnapshot snapshot);

        void flush();
    }

    /** The programme an agreement is reported under (its code, or PROGRAMME when it has none). */
    static String programmeOf(AgreementDoc a) {
        return Objects.requireNonNullElse(a.programmeCode, "PROGRAMME");
    }

    /**
     * The file for {@code agreements} (drafts already left out), in the order given, from one
     * snapshot; results cover the agreement's period within the filter's window. {@code counts}
     * gives each activity's disclosure control.
     */
    byte[] write(ReportSnapshot snapshot, ReportFilter filter, List<Reported> agreements, Supplier<PublishedCounts> counts) {
        Map<String, Parent> parents = new TreeMap<>();
        for (Reported r : agreements) {
            parents.computeIfAbsent(programmeOf(r.agreement()), k -> new Parent()).add(r, snapshot.today());
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        write(buffer, snapshot.asOf(), snapshot.today(), filter, parents, (programme, sink) -> agreements.stream()
                .filter(r -> programmeOf(r.agreement()).equals(programme)).forEach(r -> sink.child(r, snapshot)), counts);
        return buffer.toByteArray();
    }

    /**
     * The file to {@code out} as it is produced: per programme (in code order) the parent activity
     * from {@code parents}, then the children {@code children} gives. {@code asOf}: the recorded
     * time of the newest document the file reflects. Nothing closes the document when a child
     * fails: a file broken off must not look complete.
     */
    void write(OutputStream out, Instant asOf, LocalDate today, ReportFilter filter, Map<String, Parent> parents,
               Children children, Supplier<PublishedCounts> counts) {
        Xml xml = new Xml(out);
        xml.start("iati-activities").attr("version", VERSION)
                .attr("generated-datetime", asOf == null ? null : asOf.truncatedTo(ChronoUnit.SECONDS));
        for (var programme : parents.entrySet()) {
            parent(xml, programme.getKey(), programme.getValue());
            children.write(programme.getKey(), new Sink() {
                @Override
                public void child(Reported reported, ReportSnapshot snapshot) {
                    IatiActivities.this.child(xml, programme.getKey(), reported, snapshot, today, filter, counts.get());
                }

                @Override
                public void flush() {
                    xml.flush();
                }
            });
        }
        xml.end();
        xml.close();
    }

    String programmeId(String programme) {
        return settings.reportingOrgRef() + "-" + programme;
    }

    String agreementId(String programme, AgreementDoc a) {
        return programmeId(programme) + "-" + a.id;
    }

    // ------------------------------------------------------------------ the programme

    private void parent(Xml xml, String programme, Parent p) {
        activity(xml, 1, null, p.updated);
        xml.start("iati-identifier").text(programmeId(programme)).end();
        reportingOrg(xml);
        xml.narrative("title", "Support to migrant shelters in Mexico (" + programme + ")");
        xml.start("description").attr("type", 1).start("narrative")
                .text(programmeOrganisation + " supports migrant shelters in Mexico with supplies and training, through "
                        + "one cooperation agreement per shelter; each agreement is a child activity of this one.")
                .end().end();
        p.donors.forEach(d -> participating(xml, 1, null, null, d));
        iom(xml);
        p.shelters.forEach(s -> participating(xml, 4, null, null, s));
        xml.start("activity-status").attr("code", programmeStatus(p.statuses)).end();
        if (p.plannedStart != null) {
            date(xml, 1, p.plannedStart);
        }
        if (p.actualStart != null) {
            date(xml, 2, p.actualStart);
        }
        if (p.plannedEnd != null) {
            date(xml, 3, p.plannedEnd);
        }
        recipientCountry(xml);
        p.states.forEach(state -> location(xml, state));
        sectors(xml);
        for (String agreement : p.agreements) {
            xml.start("related-activity").attr("ref", programmeId(programme) + "-" + agreement).attr("type", 2).end();
        }
        xml.end();
    }

    // ------------------------------------------------------------------ one agreement

    private void child(Xml xml, String programme, Reported reported, ReportSnapshot snapshot, LocalDate today,
                       ReportFilter filter, PublishedCounts counts) {
        AgreementDoc a = reported.agreement();
        ShelterDoc shelter = reported.shelter();
        activity(xml, 2, a.currency, a.lastRecordedTime);
        xml.start("iati-identifier").text(agreementId(programme, a)).end();
        reportingOrg(xml);
        xml.narrative("title", shelterName(shelter) + ": shelter support, agreement " + a.id);
        xml.start("description").attr("type", 1).start("narrative")
                .text("Supplies and training for migrants at " + shelterName(shelter) + place(shelter)
                        + ", under a cooperation agreement with " + programmeOrganisation
                        + (a.donor == null ? "" : ", funded by " + a.donor)
                        + (a.phase == null ? "" : " (" + a.phase + ")") + ".")
                .end().end();
        if (a.donor != null) {
            participating(xml, 1, null, null, a.donor);
        }
        iom(xml);
        participating(xml, 4, null, null, shelterName(shelter));
        xml.start("activity-status").attr("code", status(a.status)).end();
        if (a.periodStart != null) {
            date(xml, 1, a.periodStart);
        }
        LocalDate actualStart = actualStart(a, today);
        if (actualStart != null) {
            date(xml, 2, actualStart);
        }
        if (a.periodEnd != null) {
            date(xml, 3, a.periodEnd);
        }
        if ("EXPIRED".equals(a.status) && a.periodEnd != null) {
            date(xml, 4, a.periodEnd);
        }
        recipientCountry(xml);
        if (shelter.state != null) {
            location(xml, shelter.state);
        }
        sectors(xml);
        if (a.originalBudget != null) {
            budgets(xml, 1, a.originalBudget, a);
        }
        if (a.amendments > 0 && a.budget != null) {
            budgets(xml, 2, a.budget, a);
        }
        xml.start("related-activity").attr("ref", programmeId(programme)).attr("type", 1).end();
        LocalDate from = later(a.periodStart, filter.from());
        LocalDate to = earlier(a.periodEnd, filter.to());
        if (from != null && to != null && !from.isAfter(to)) {
            boolean wholeAgreement = from.equals(a.periodStart) && to.equals(a.periodEnd);
            people(xml, shelter, from, to, counts);
            training(xml, a, from, to, wholeAgreement, counts);
            supplies(xml, a, snapshot, filter, from, to, wholeAgreement);
        }
        xml.end();
    }

    /** Original or revised budget: committed, cut into periods of at most a year, pro rata by days, valued at each period's start. */
    private static void budgets(Xml xml, int type, BigDecimal amount, AgreementDoc a) {
        if (a.periodStart == null || a.periodEnd == null || a.periodEnd.isBefore(a.periodStart)) {
            return;
        }
        long days = ChronoUnit.DAYS.between(a.periodStart, a.periodEnd) + 1;
        BigDecimal left = amount;
        for (LocalDate start = a.periodStart; !start.isAfter(a.periodEnd); ) {
            LocalDate end = earlier(start.plusYears(1).minusDays(1), a.periodEnd);
            BigDecimal share = end.equals(a.periodEnd) ? left
                    : amount.multiply(BigDecimal.valueOf(ChronoUnit.DAYS.between(start, end) + 1))
                            .divide(BigDecimal.valueOf(days), 2, RoundingMode.HALF_EVEN);
            left = left.subtract(share);
            xml.start("budget").attr("type", type).attr("status", 2);
            xml.start("period-start").attr("iso-date", start).end();
            xml.start("period-end").attr("iso-date", end).end();
            xml.start("value").attr("currency", a.currency).attr("value-date", start)
                    .text(share.stripTrailingZeros().toPlainString()).end();
            xml.end();
            start = end.plusDays(1);
        }
    }

    // ------------------------------------------------------------------ results

    private void people(Xml xml, ShelterDoc shelter, LocalDate from, LocalDate to, PublishedCounts counts) {
        Reached r = Reached.of(shelter, from, to);
        Long total = counts.total("people received", r.total());
        List<Long> bySex = counts.complements("people received, female", "people received, male", r.womenAndGirls(),
                r.menAndBoys());
        result(xml, "People received at the shelter");
        indicator(xml, "People received (arrivals reported by the shelter)", from, to);
        actual(xml, total, null, counts);
        actual(xml, bySex.get(0), "female", counts);
        actual(xml, bySex.get(1), "male", counts);
        xml.end().end().end(); // period, indicator, result
    }

    private void training(Xml xml, AgreementDoc a, LocalDate from, LocalDate to, boolean wholeAgreement,
                          PublishedCounts counts) {
        long women = 0;
        long men = 0;
        for (AgreementDoc.Session s : a.trainings.values()) {
            if (s.date != null && !s.date.isBefore(from) && !s.date.isAfter(to)) {
                women += s.women;
                men += s.men;
            }
        }
        long planned = a.plannedTrainings.stream().mapToLong(p -> p.participants).sum();
        if (planned == 0 && women + men == 0) {
            return;
        }
        Long total = counts.total("training participants", women + men);
        List<Long> bySex = counts.totalComplements("training participants, female", "training participants, male",
                women, men);
        result(xml, "Training for shelter staff and volunteers");
        indicator(xml, "Training participants", from, to);
        if (wholeAgreement && planned > 0) {
            xml.start("target").attr("value", planned).end();
        }
        actual(xml, total, null, counts);
        actual(xml, bySex.get(0), "female", counts);
        actual(xml, bySex.get(1), "male", counts);
        xml.end().end().end();
    }

    /**
     * Per category (the filter's only, when it names one) one result, per unit of its commitment
     * lines one indicator: quantities accepted at the shelter on deliveries received in the period
     * (target: the quantity committed, when the period is the agreement's). A shipment line that
     * names no commitment line has no unit here and is left out.
     */
    private void supplies(Xml xml, AgreementDoc a, ReportSnapshot snapshot, ReportFilter filter, LocalDate from,
                          LocalDate to, boolean wholeAgreement) {
        Map<String, AgreementDoc.Commitment> lines = new LinkedHashMap<>();
        Map<SupplyCategory, Map<String, BigDecimal[]>> byCategory = new TreeMap<>();
        for (AgreementDoc.Commitment c : a.commitments) {
            if (c.category == null || !filter.categoryMatches(c.category)) {
                continue;
            }
            lines.put(c.lineId, c);
            BigDecimal[] v = byCategory.computeIfAbsent(c.category, k -> new TreeMap<>())
                    .computeIfAbsent(unit(c), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            v[0] = v[0].add(c.quantity == null ? BigDecimal.ZERO : c.quantity);
        }
        for (ShipmentDoc shipment : snapshot.shipmentsOfAgreement(a.id)) {
            if (!shipment.delivered() || shipment.receivedAt == null) {
                continue;
            }
            LocalDate received = LocalDate.ofInstant(shipment.receivedAt, filter.zone());
            if (received.isBefore(from) || received.isAfter(to)) {
                continue;
            }
            for (ShipmentDoc.Line l : shipment.lines) {
                AgreementDoc.Commitment c = lines.get(l.commitmentLineId);
                if (c != null && l.accepted != null) {
                    BigDecimal[] v = byCategory.get(c.category).get(unit(c));
                    v[1] = v[1].add(l.accepted);
                }
            }
        }
        for (var category : byCategory.entrySet()) {
            result(xml, "Supplies delivered: " + label(category.getKey()));
            for (var unit : category.getValue().entrySet()) {
                xml.start("indicator").attr("measure", 1).attr("ascending", 1);
                xml.narrative("title", label(category.getKey()) + " accepted at the shelter, in " + unit.getKey());
                period(xml, from, to);
                if (wholeAgreement) {
                    xml.start("target").attr("value", unit.getValue()[0].stripTrailingZeros().toPlainString()).end();
                }
                xml.start("actual").attr("value", unit.getValue()[1].stripTrailingZeros().toPlainString()).end();
                xml.end().end(); // period, indicator
            }
            xml.end();
        }
    }

    private static void result(Xml xml, String title) {
        xml.start("result").attr("type", 1);
        xml.narrative("title", title);
    }

    /** Opens an indicator of people and its period (the caller adds target and actuals and ends both). */
    private static void indicator(Xml xml, String title, LocalDate from, LocalDate to) {
        xml.start("indicator").attr("measure", 1).attr("ascending", 1);
        xml.narrative("title", title);
        period(xml, from, to);
    }

    private static void period(Xml xml, LocalDate from, LocalDate to) {
        xml.start("period");
        xml.start("period-start").attr("iso-date", from).end();
        xml.start("period-end").attr("iso-date", to).end();
    }

    /** An actual value, with a sex dimension when {@code sex} is given; a suppressed one says so instead of a value. */
    private static void actual(Xml xml, Long value, String sex, PublishedCounts counts) {
        xml.start("actual").attr("value", value);
        if (sex != null) {
            xml.start("dimension").attr("name", "sex").attr("value", sex).end();
        }
        if (value == null) {
            xml.narrative("comment", String.format(Locale.ROOT, SUPPRESSED_NOTE, counts.threshold() - 1));
        }
        xml.end();
    }

    // ------------------------------------------------------------------ shared parts

    private static void activity(Xml xml, int hierarchy, String currency, Instant updated) {
        xml.start("iati-activity")
                .attr("last-updated-datetime", updated == null ? null : updated.truncatedTo(ChronoUnit.SECONDS))
                .attr("xml:lang", "en").attr("default-currency", currency).attr("humanitarian", 1)
                .attr("hierarchy", hierarchy);
    }

    private void reportingOrg(Xml xml) {
        xml.start("reporting-org").attr("ref", settings.reportingOrgRef()).attr("type", settings.reportingOrgType());
        xml.start("narrative").text(settings.reportingOrgName()).end();
        xml.end();
    }

    /** IOM is accountable for the activity and extends the donor's funds to the shelter. */
    private void iom(Xml xml) {
        participating(xml, 2, settings.reportingOrgRef(), settings.reportingOrgType(), settings.reportingOrgName());
        participating(xml, 3, settings.reportingOrgRef(), settings.reportingOrgType(), settings.reportingOrgName());
    }

    private static void participating(Xml xml, int role, String ref, String type, String name) {
        xml.start("participating-org").attr("ref", ref).attr("type", type).attr("role", role);
        xml.start("narrative").text(name).end();
        xml.end();
    }

    private static void date(Xml xml, int type, LocalDate date) {
        xml.start("activity-date").attr("type", type).attr("iso-date", date).end();
    }

    private static void recipientCountry(Xml xml) {
        xml.start("recipient-country").attr("code", "MX").attr("percentage", 100).end();
    }

    /**
     * A state: IATI's geographic vocabularies have no ISO 3166-2 list, so the state's ISO 3166-2
     * code is the location's own reference ({@code @ref}) and is in its name, and the country is
     * the administrative area (A4 = ISO 3166-1 alpha-2, level 0). Location class 1 = administrative
     * region, feature ADM1 = first-order administrative division, reach 1 = where the activity is.
     */
    private static void location(Xml xml, String state) {
        xml.start("location").attr("ref", state);
        xml.start("location-reach").attr("code", 1).end();
        String name = stateName(state);
        xml.narrative("name", (name == null ? state : name) + " (" + state + ")");
        xml.start("administrative").attr("vocabulary", "A4").attr("level", 0).attr("code", "MX").end();
        xml.start("location-class").attr("code", 1).end();
        xml.start("feature-designation").attr("code", "ADM1").end();
        xml.end();
    }

    private void sectors(Xml xml) {
        for (IatiSettings.Sector s : settings.sectors()) {
            xml.start("sector").attr("vocabulary", 1).attr("code", s.code()).attr("percentage", s.percentage());
            if (s.name() != null) {
                xml.start("narrative").text(s.name()).end();
            }
            xml.end();
        }
    }

    /** IATI ActivityStatus of an agreement. */
    static int status(String agreementStatus) {
        return switch (agreementStatus == null ? "" : agreementStatus) {
            case "SUSPENDED" -> 6;
            case "EXPIRED" -> 3;
            case "COMPLETED" -> 4;
            case "TERMINATED" -> 5;
            case "DRAFT" -> 1;
            default -> 2;
        };
    }

    /** The programme is in implementation while any agreement is, then suspended, pipeline, finalising, closed, cancelled. */
    private static int programmeStatus(Set<Integer> present) {
        for (int code : new int[] {2, 6, 1, 3, 4, 5}) {
            if (present.contains(code)) {
                return code;
            }
        }
        return 2;
    }

    /** When the work began: the later of signing and the period's start, once that day has come. */
    private static LocalDate actualStart(AgreementDoc a, LocalDate today) {
        LocalDate start = later(a.signedOn, a.periodStart);
        return start == null || start.isAfter(today) ? null : start;
    }

    private static String unit(AgreementDoc.Commitment c) {
        return c.unit == null || c.unit.isBlank() ? "units" : c.unit.trim();
    }

    private static String label(SupplyCategory category) {
        String words = category.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String shelterName(ShelterDoc shelter) {
        return shelter.name == null ? shelter.id : shelter.name;
    }

    private static String place(ShelterDoc shelter) {
        String state = stateName(shelter.state);
        if (state == null) {
            return "";
        }
        return shelter.municipality == null ? ", " + state : ", " + shelter.municipality + ", " + state;
    }
}
