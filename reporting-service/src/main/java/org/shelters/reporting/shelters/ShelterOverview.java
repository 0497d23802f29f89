package org.shelters.reporting.shelters;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.agreements.TrainingTopic;
import org.shelters.events.shelters.Corridor;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.read.Quantities;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.ReportSnapshot;
import org.shelters.reporting.shipments.ShipmentDoc;

/** The read side of a shelter: how is it doing (profile, agreement, supplies, trainings, arrivals, occupancy). */
public final class ShelterOverview {

    private ShelterOverview() {
    }

    public record View(String shelterId, String name, String state, String municipality, Corridor corridor,
                       int capacity, boolean demo, CurrentAgreement currentAgreement,
                       List<CategoryFulfilment> fulfilment, Trainings trainings, ArrivalWindows arrivals,
                       Occupancy occupancy, LocalDate lastDeliveryDate) {
    }

    public record CurrentAgreement(String agreementId, String status, String donor, String phase,
                                   LocalDate periodStart, LocalDate periodEnd, BigDecimal budget, String currency) {
    }

    /**
     * Per supply category: committed, planned (on planned shipments, the pipeline), dispatched
     * (left the warehouse: in transit or delivered), in transit, accepted, rejected.
     */
    public record CategoryFulfilment(SupplyCategory category, BigDecimal committed, BigDecimal planned,
                                     BigDecimal dispatched, BigDecimal inTransit, BigDecimal accepted,
                                     BigDecimal rejected, BigDecimal fulfilmentPercent) {
    }

    /** Columns of the per-category sums. */
    private static final int COMMITTED = 0;
    private static final int DISPATCHED = 1;
    private static final int IN_TRANSIT = 2;
    private static final int ACCEPTED = 3;
    private static final int REJECTED = 4;
    private static final int PLANNED = 5;

    /** Participants add up in longs: each session's counts fit an int, their sum need not. */
    public record Trainings(int sessions, long participantsWomen, long participantsMen, List<TopicTrainings> byTopic) {
    }

    public record TopicTrainings(TrainingTopic topic, int sessions, long participantsWomen, long participantsMen) {
    }

    public record ArrivalWindows(LocalDate referenceDate, ArrivalTotals today, ArrivalTotals last7Days,
                                 ArrivalTotals last30Days) {
    }

    /** Counts add up in longs: each day's report fits an int, a window or a programme of them need not. */
    public record ArrivalTotals(int days, long arrivals, long women, long men, long girls, long boys,
                                long unaccompaniedChildren, long olderPersons, long reportedKidnapOrTraffickingVictims) {

        static ArrivalTotals sum(List<DailyArrivals> days) {
            long[] t = new long[8];
            for (DailyArrivals d : days) {
                t[0] += d.arrivals;
                t[1] += d.women;
                t[2] += d.men;
                t[3] += d.girls;
                t[4] += d.boys;
                t[5] += d.unaccompaniedChildren;
                t[6] += d.olderPersons;
                t[7] += d.reportedKidnapOrTraffickingVictims;
            }
            return new ArrivalTotals(days.size(), t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]);
        }
    }

    public record Occupancy(LocalDate date, int overnightOccupancy, int capacity, BigDecimal percent) {
    }

    public static View view(ShelterDoc shelter, ReportSnapshot snapshot, ReportFilter filter) {
        List<AgreementDoc> agreements = snapshot.agreementsOf(shelter.id).stream().filter(AgreementDoc::inForceOrWas)
                .filter(filter::matches).toList();
        AgreementDoc current = agreements.stream()
                .max(Comparator.comparing((AgreementDoc a) -> a.signedOn == null ? LocalDate.MIN : a.signedOn)
                        .thenComparing(a -> a.id)).orElse(null);
        CurrentAgreement currentAgreement = current == null ? null : new CurrentAgreement(current.id, current.status,
                current.donor, current.phase, current.periodStart, current.periodEnd, current.budget, current.currency);

        List<ShipmentDoc> shipments = snapshot.shipmentsOf(shelter.id).stream()
                .filter(s -> s.agreementId == null || snapshot.agreements().get(s.agreementId) == null
                        || filter.matches(snapshot.agreements().get(s.agreementId)))
                .toList();
        List<CategoryFulfilment> fulfilment = fulfilmentByCategory(agreements, shipments, filter);

        LocalDate reference = filter.to() != null ? filter.to() : snapshot.today();
        LocalDate lastDelivery = shipments.stream().filter(ShipmentDoc::delivered).map(s -> s.receivedAt)
                .filter(java.util.Objects::nonNull).max(Comparator.naturalOrder())
                .map(i -> LocalDate.ofInstant(i, filter.zone())).orElse(null);
        return new View(shelter.id, shelter.name, shelter.state, shelter.municipality, shelter.corridor, shelter.capacity,
                shelter.demo, currentAgreement, fulfilment, trainings(agreements, filter),
                arrivals(shelter, reference), occupancy(shelter), lastDelivery);
    }

    static List<CategoryFulfilment> fulfilmentByCategory(List<AgreementDoc> agreements, List<ShipmentDoc> shipments,
                                                                ReportFilter filter) {
        Map<SupplyCategory, BigDecimal[]> sums = new EnumMap<>(SupplyCategory.class);
        for (AgreementDoc a : agreements) {
            for (AgreementDoc.Commitment c : a.commitments) {
                if (c.category != null && filter.categoryMatches(c.category)) {
                    Quantities.add(sums, c.category, COMMITTED, c.quantity);
                }
            }
        }
        for (ShipmentDoc s : shipments) {
            if (!filter.counts(s)) {
                continue;
            }
            for (ShipmentDoc.Line l : s.lines) {
                if (!filter.counts(l)) {
                    continue;
                }
                if (s.planned()) {
                    Quantities.add(sums, l.category, PLANNED, l.quantity);
                    continue;
                }
                Quantities.add(sums, l.category, DISPATCHED, l.quantity);
                if (s.inTransit()) {
                    Quantities.add(sums, l.category, IN_TRANSIT, l.quantity);
                } else {
                    Quantities.add(sums, l.category, ACCEPTED, l.accepted);
                    Quantities.add(sums, l.category, REJECTED, l.rejected);
                }
            }
        }
        List<CategoryFulfilment> rows = new ArrayList<>();
        sums.forEach((category, v) -> rows.add(new CategoryFulfilment(category, v[COMMITTED], v[PLANNED],
                v[DISPATCHED], v[IN_TRANSIT], v[ACCEPTED], v[REJECTED], Quantities.percent(v[ACCEPTED], v[COMMITTED]))));
        return rows;
    }

    static Trainings trainings(List<AgreementDoc> agreements, ReportFilter filter) {
        Map<TrainingTopic, long[]> byTopic = new EnumMap<>(TrainingTopic.class);
        long[] total = new long[3];
        for (AgreementDoc a : agreements) {
            for (AgreementDoc.Session s : a.trainings.values()) {
                if (!filter.unbounded() && !filter.inRange(s.date)) {
                    continue;
                }
                long[] t = byTopic.computeIfAbsent(s.topic, k -> new long[3]);
                t[0]++;
                t[1] += s.women;
                t[2] += s.men;
                total[0]++;
                total[1] += s.women;
                total[2] += s.men;
            }
        }
        List<TopicTrainings> topics = new ArrayList<>();
        // sessions are documents of one agreement: their number fits an int
        byTopic.forEach((topic, t) -> topics.add(new TopicTrainings(topic, Math.toIntExact(t[0]), t[1], t[2])));
        return new Trainings(Math.toIntExact(total[0]), total[1], total[2], topics);
    }

    static ArrivalWindows arrivals(ShelterDoc shelter, LocalDate reference) {
        return new ArrivalWindows(reference, window(shelter, reference, 1), window(shelter, reference, 7),
                window(shelter, reference, 30));
    }

    static ArrivalTotals window(ShelterDoc shelter, LocalDate reference, int days) {
        String from = reference.minusDays(days - 1L).toString();
        String to = reference.toString();
        return ArrivalTotals.sum(new ArrayList<>(shelter.arrivals.subMap(from, true, to, true).values()));
    }

    static Occupancy occupancy(ShelterDoc shelter) {
        Map.Entry<String, DailyArrivals> latest = shelter.arrivals.lastEntry();
        if (latest == null) {
            return null;
        }
        int occupied = latest.getValue().overnightOccupancy;
        BigDecimal percent = shelter.capacity <= 0 ? null
                : BigDecimal.valueOf(occupied * 100L).divide(BigDecimal.valueOf(shelter.capacity), 1, RoundingMode.HALF_UP);
        return new Occupancy(LocalDate.parse(latest.getKey()), occupied, shelter.capacity, percent);
    }
}
