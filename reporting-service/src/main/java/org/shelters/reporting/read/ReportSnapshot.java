package org.shelters.reporting.read;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.projection.ProjectionDoc;
import org.shelters.reporting.shelters.ArrivalsDoc;
import org.shelters.reporting.shelters.LatestReport;
import org.shelters.reporting.shelters.MonthTotals;
import org.shelters.reporting.shelters.ShelterDoc;
import org.shelters.reporting.shipments.ShipmentDoc;

/**
 * The documents a request reads, joined in memory: those of the shelters it asks about only, read
 * by id ({@link ReportReader}). Time-relative figures (today, last 7 days, overdue) are computed
 * from here at read time. Every shelter carries its month totals and latest report; its
 * {@code arrivals} hold every day ({@link #of}) or only the days the view reads ({@link #partial}).
 */
public record ReportSnapshot(int generation, Instant asOf, LocalDate today,
                             Map<String, ShelterDoc> shelters, Map<String, AgreementDoc> agreements,
                             List<ShipmentDoc> shipments,
                             Map<String, List<AgreementDoc>> agreementsByShelter,
                             Map<String, List<ShipmentDoc>> shipmentsByShelter,
                             Map<String, List<ShipmentDoc>> shipmentsByAgreement) {

    public static ReportSnapshot of(int generation, LocalDate today, Collection<ShelterDoc> shelters,
                                    Collection<AgreementDoc> agreements, Collection<ShipmentDoc> shipments) {
        return of(generation, today, shelters, List.of(), agreements, shipments);
    }

    public static ReportSnapshot of(int generation, LocalDate today, Collection<ShelterDoc> shelters,
                                    Collection<ArrivalsDoc> arrivals, Collection<AgreementDoc> agreements,
                                    Collection<ShipmentDoc> shipments) {
        Map<String, ShelterDoc> shelterMap = new LinkedHashMap<>();
        shelters.stream().sorted(Comparator.comparing(s -> s.id)).forEach(s -> shelterMap.put(s.id, s));
        Instant newestArrival = null;
        for (ArrivalsDoc a : arrivals) {
            // a report may arrive before its shelter's registration: the shelter exists from then on
            shelterMap.computeIfAbsent(a.shelterId, ShelterDoc::empty).arrivals.put(a.date, a.figures);
            if (a.lastRecordedTime != null && (newestArrival == null || a.lastRecordedTime.isAfter(newestArrival))) {
                newestArrival = a.lastRecordedTime;
            }
        }
        // every day is here: the month totals and the latest report are computed from them
        for (ShelterDoc shelter : shelterMap.values()) {
            shelter.months = MonthTotals.byMonth(shelter.arrivals);
            shelter.latest = LatestReport.of(shelter.arrivals);
        }
        Instant asOf = Stream.of(shelterMap.values().stream(), agreements.stream(), shipments.stream())
                .flatMap(s -> s).map(d -> ((ProjectionDoc) d).lastRecordedTime).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        if (newestArrival != null && (asOf == null || newestArrival.isAfter(asOf))) {
            asOf = newestArrival;
        }
        return assemble(generation, asOf, today, shelterMap, agreements, shipments);
    }

    /**
     * From the shelters' read-side documents: each shelter comes with its month totals and latest
     * report, and in {@code arrivals} only the days the view reads; {@code asOf} as the documents say.
     */
    public static ReportSnapshot partial(int generation, Instant asOf, LocalDate today, Collection<ShelterDoc> shelters,
                                         Collection<AgreementDoc> agreements, Collection<ShipmentDoc> shipments) {
        Map<String, ShelterDoc> shelterMap = new LinkedHashMap<>();
        shelters.stream().sorted(Comparator.comparing(s -> s.id)).forEach(s -> shelterMap.put(s.id, s));
        return assemble(generation, asOf, today, shelterMap, agreements, shipments);
    }

    private static ReportSnapshot assemble(int generation, Instant asOf, LocalDate today, Map<String, ShelterDoc> shelterMap,
                                           Collection<AgreementDoc> agreements, Collection<ShipmentDoc> shipments) {
        Map<String, AgreementDoc> agreementMap = new LinkedHashMap<>();
        agreements.stream().sorted(Comparator.comparing(a -> a.id)).forEach(a -> agreementMap.put(a.id, a));
        List<ShipmentDoc> shipmentList = shipments.stream().sorted(Comparator.comparing(s -> s.id)).toList();
        Map<String, List<AgreementDoc>> byShelter = new HashMap<>();
        agreementMap.values().forEach(a -> byShelter.computeIfAbsent(a.shelterId, k -> new ArrayList<>()).add(a));
        Map<String, List<ShipmentDoc>> shipByShelter = new HashMap<>();
        Map<String, List<ShipmentDoc>> shipByAgreement = new HashMap<>();
        for (ShipmentDoc s : shipmentList) {
            shipByShelter.computeIfAbsent(s.shelterId, k -> new ArrayList<>()).add(s);
            shipByAgreement.computeIfAbsent(s.agreementId, k -> new ArrayList<>()).add(s);
        }
        return new ReportSnapshot(generation, asOf, today, shelterMap, agreementMap, shipmentList, byShelter,
                shipByShelter, shipByAgreement);
    }

    public List<AgreementDoc> agreementsOf(String shelterId) {
        return agreementsByShelter.getOrDefault(shelterId, List.of());
    }

    public List<ShipmentDoc> shipmentsOf(String shelterId) {
        return shipmentsByShelter.getOrDefault(shelterId, List.of());
    }

    public List<ShipmentDoc> shipmentsOfAgreement(String agreementId) {
        return shipmentsByAgreement.getOrDefault(agreementId, List.of());
    }

    /**
     * Shelters passing the filter; a shelter known only from other aggregates' events still counts.
     * A retired shelter never does: it was registered by mistake. Every view, export and alert
     * reaches agreements, shipments and arrivals through the shelters this returns, so this one
     * exclusion takes everything recorded against a retired shelter out of every figure.
     */
    public List<ShelterDoc> sheltersMatching(ReportFilter filter) {
        Map<String, ShelterDoc> all = new LinkedHashMap<>(shelters);
        agreementsByShelter.keySet().forEach(id -> all.computeIfAbsent(id, ShelterDoc::empty));
        shipmentsByShelter.keySet().forEach(id -> all.computeIfAbsent(id, ShelterDoc::empty));
        return all.values().stream().filter(s -> s.id != null).filter(s -> !s.retired())
                .filter(s -> filter.matches(s, agreementsOf(s.id)))
                .sorted(Comparator.comparing(s -> s.id)).toList();
    }
}
