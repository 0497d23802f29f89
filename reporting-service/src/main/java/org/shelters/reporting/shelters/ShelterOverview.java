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
import org.shelters.reporting.read.Budgets;
import org.shelters.reporting.read.CommitmentLines;
import org.shelters.reporting.read.Fulfilment;
import org.shelters.reporting.read.LineProgress;
import org.shelters.reporting.read.UnitQuantities;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.ReportSnapshot;
import org.shelters.reporting.shipments.ShipmentDoc;

/** The read side of a shelter: how is it doing (profile, agreement, supplies, trainings, arrivals, occupancy). */
public final class ShelterOverview {

    private ShelterOverview() {
    }

    /**
     * @param budgets           every shown agreement's budget, added up per currency only
     * @param fulfilment        per supply category
     * @param fulfilmentPercent the shelter's lines aggregated by {@code fulfilmentMethod} (README, "Fulfilment")
     */
    public record View(String shelterId, String name, String state, String municipality, Corridor corridor,
                       int capacity, boolean demo, CurrentAgreement currentAgreement, List<Budgets.Budget> budgets,
                       List<CategoryFulfilment> fulfilment, BigDecimal fulfilmentPercent,
                       Fulfilment.Method fulfilmentMethod, Trainings trainings, ArrivalWindows arrivals,
                       Occupancy occupancy, LocalDate lastDeliveryDate) {
    }

    public record CurrentAgreement(String agreementId, String status, String donor, String phase,
                                   LocalDate periodStart, LocalDate periodEnd, BigDecimal budget, String currency) {
    }

    /**
     * Per supply category: its commitment lines' fulfilment aggregated by {@code fulfilmentMethod},
     * and its quantities per unit (a category holds tablets and capsules, kits and bags): committed,
     * planned (on planned shipments, the pipeline), dispatched (left the warehouse: in transit or
     * delivered), in transit, accepted, rejected.
     *
     * @param lines the commitment lines the percentage aggregates
     */
    public record CategoryFulfilment(SupplyCategory category, BigDecimal fulfilmentPercent,
                                     Fulfilment.Method fulfilmentMethod, int lines, List<UnitQuantities> quantities) {
    }

    /** Participants add up in longs: each session's counts fit an int, their sum need not. */
    public record Trainings(int sessions, long participantsWomen, long participantsMen, List<TopicTrainings> byTopic) {
    }

    public record TopicTrainings(TrainingTopic topic, int sessions, long participantsWomen, long participantsMen) {
    }

    /** People received by the shelter over three windows ending on {@code referenceDate}, each saying the days it covers. */
    public record ArrivalWindows(LocalDate referenceDate, ArrivalTotals today, ArrivalTotals last7Days,
                                 ArrivalTotals last30Days) {
    }

    /**
     * Counts add up in longs: each day's report fits an int, a window or a programme of them need not.
     *
     * @param from    the window's first day (programme calendar), inclusive
     * @param to      its last day, inclusive
     * @param partial the window includes today, whose reports are still coming in
     * @param days    how many of its days have a report
     */
    public record ArrivalTotals(LocalDate from, LocalDate to, boolean partial, int days, long arrivals, long women,
                                long men, long girls, long boys, long unaccompaniedChildren, long olderPersons,
                                long reportedKidnapOrTraffickingVictims) {

        static ArrivalTotals sum(List<DailyArrivals> days) {
            return sum(null, null, false, days);
        }

        static ArrivalTotals sum(LocalDate from, LocalDate to, boolean partial, List<DailyArrivals> days) {
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
            return new ArrivalTotals(from, to, partial, days.size(), t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7]);
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
        List<CommitmentLines.Counted> lines = CommitmentLines.of(agreements, shipments, filter);
        Fulfilment overall = Fulfilment.of(CommitmentLines.progress(lines));

        LocalDate reference = filter.to() != null ? filter.to() : snapshot.today();
        LocalDate lastDelivery = shipments.stream().filter(ShipmentDoc::delivered).map(s -> s.receivedAt)
                .filter(java.util.Objects::nonNull).max(Comparator.naturalOrder())
                .map(i -> LocalDate.ofInstant(i, filter.zone())).orElse(null);
        return new View(shelter.id, shelter.name, shelter.state, shelter.municipality, shelter.corridor, shelter.capacity,
                shelter.demo, currentAgreement, Budgets.of(agreements), fulfilmentByCategory(lines), overall.percent(),
                overall.method(), trainings(agreements, filter), arrivals(shelter, reference, snapshot.today()),
                occupancy(shelter), lastDelivery);
    }

    static List<CategoryFulfilment> fulfilmentByCategory(List<CommitmentLines.Counted> lines) {
        Map<SupplyCategory, List<LineProgress>> byCategory = new EnumMap<>(SupplyCategory.class);
        for (CommitmentLines.Counted line : lines) {
            if (line.category() != null) {
                byCategory.computeIfAbsent(line.category(), k -> new ArrayList<>()).add(line.progress());
            }
        }
        List<CategoryFulfilment> rows = new ArrayList<>();
        byCategory.forEach((category, progress) -> {
            Fulfilment f = Fulfilment.of(progress);
            rows.add(new CategoryFulfilment(category, f.percent(), f.method(), f.lines(), UnitQuantities.of(progress)));
        });
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

    static ArrivalWindows arrivals(ShelterDoc shelter, LocalDate reference, LocalDate today) {
        return new ArrivalWindows(reference, window(shelter, reference, 1, today), window(shelter, reference, 7, today),
                window(shelter, reference, 30, today));
    }

    static ArrivalTotals window(ShelterDoc shelter, LocalDate reference, int days, LocalDate today) {
        LocalDate from = reference.minusDays(days - 1L);
        return ArrivalTotals.sum(from, reference, !reference.isBefore(today),
                new ArrayList<>(shelter.arrivals.subMap(from.toString(), true, reference.toString(), true).values()));
    }

    /** The latest reported day's: kept with the shelter, so no day is read for it. */
    static Occupancy occupancy(ShelterDoc shelter) {
        LatestReport latest = shelter.latest;
        if (latest == null) {
            return null;
        }
        int occupied = latest.overnightOccupancy;
        BigDecimal percent = shelter.capacity <= 0 ? null
                : BigDecimal.valueOf(occupied * 100L).divide(BigDecimal.valueOf(shelter.capacity), 1, RoundingMode.HALF_UP);
        return new Occupancy(latest.day(), occupied, shelter.capacity, percent);
    }
}
