package org.shelters.reporting.programme;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.read.Budgets;
import org.shelters.reporting.read.CommitmentLines;
import org.shelters.reporting.read.DayRange;
import org.shelters.reporting.read.Fulfilment;
import org.shelters.reporting.read.LineProgress;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.ReportSnapshot;
import org.shelters.reporting.read.UnitQuantities;
import org.shelters.reporting.shelters.DailyArrivals;
import org.shelters.reporting.shelters.MonthTotals;
import org.shelters.reporting.shelters.ShelterDoc;

/**
 * Programme totals grouped by state, corridor, donor, phase or supply category. Nothing of
 * different kinds is added: budgets per currency, quantities per unit, fulfilment as an
 * aggregation of the commitment lines' percentages ({@link Fulfilment}).
 */
public final class ProgrammeSummary {

    public enum GroupBy { STATE, CORRIDOR, DONOR, PHASE, CATEGORY }

    private ProgrammeSummary() {
    }

    /**
     * One group's totals.
     *
     * @param budgets           per currency; null in rows by category (a budget is not split by category)
     * @param quantities        per unit, as every service defines them: committed, planned (the pipeline),
     *                          dispatched (left the warehouse), in transit, accepted (delivered), rejected
     * @param fulfilmentPercent the group's commitment lines aggregated by {@code fulfilmentMethod}
     * @param commitmentLines   how many lines that aggregates
     * @param peopleReceived    over the view's {@code peopleReceivedPeriod}; null in rows by category
     */
    public record Row(String key, int shelters, int agreements, List<Budgets.Budget> budgets,
                      List<UnitQuantities> quantities, BigDecimal fulfilmentPercent, Fulfilment.Method fulfilmentMethod,
                      int commitmentLines, Long peopleReceived, Integer trainingSessions, Long trainingParticipants) {

        /** The quantities of one unit, or null when the group has none in it. */
        public UnitQuantities quantity(String unit) {
            return quantities.stream().filter(q -> java.util.Objects.equals(q.unit(), unit)).findFirst().orElse(null);
        }
    }

    /**
     * @param peopleReceivedPeriod the days {@code peopleReceived} and the trainings cover: the filter's dates, else
     *                             from the first reported day to today (then {@code partial}: today is not over)
     */
    public record View(GroupBy groupBy, DayRange peopleReceivedPeriod, List<Row> rows, Row totals) {
    }

    private static final class Acc {
        final Set<String> shelters = new HashSet<>();
        final Map<String, AgreementDoc> agreements = new TreeMap<>();
        final List<LineProgress> lines = new ArrayList<>();
        // people and participants add up in longs: each report fits an int, a programme of them need not
        long people;
        int sessions;
        long participants;

        Row row(String key, boolean byCategory) {
            Fulfilment fulfilment = Fulfilment.of(lines);
            return new Row(key, shelters.size(), agreements.size(), byCategory ? null : Budgets.of(agreements.values()),
                    UnitQuantities.of(lines), fulfilment.percent(), fulfilment.method(), fulfilment.lines(),
                    byCategory ? null : people, byCategory ? null : sessions, byCategory ? null : participants);
        }
    }

    public static View view(ReportSnapshot snapshot, ReportFilter filter, GroupBy groupBy) {
        Map<String, Acc> rows = new TreeMap<>();
        Acc totals = new Acc();
        boolean byCategory = groupBy == GroupBy.CATEGORY;
        LocalDate firstReported = null;
        for (ShelterDoc shelter : snapshot.sheltersMatching(filter)) {
            List<AgreementDoc> agreements = snapshot.agreementsOf(shelter.id).stream().filter(AgreementDoc::inForceOrWas)
                    .filter(filter::matches).toList();
            Function<AgreementDoc, String> keyOf = a -> switch (groupBy) {
                case STATE -> nz(shelter.state);
                case CORRIDOR -> shelter.corridor == null ? "UNKNOWN" : shelter.corridor.name();
                case DONOR -> a == null ? "UNKNOWN" : nz(a.donor);
                case PHASE -> a == null ? "UNKNOWN" : nz(a.phase);
                case CATEGORY -> null;
            };
            for (AgreementDoc a : agreements) {
                List<Acc> targets = new ArrayList<>(List.of(totals));
                if (!byCategory) {
                    targets.add(rows.computeIfAbsent(keyOf.apply(a), k -> new Acc()));
                }
                for (Acc acc : targets) {
                    acc.shelters.add(shelter.id);
                    acc.agreements.put(a.id, a);
                }
                for (CommitmentLines.Counted line : CommitmentLines.of(List.of(a), snapshot.shipmentsOfAgreement(a.id), filter)) {
                    totals.lines.add(line.progress());
                    if (byCategory) {
                        Acc acc = rows.computeIfAbsent(line.category() == null ? "UNKNOWN" : line.category().name(),
                                k -> new Acc());
                        acc.shelters.add(shelter.id);
                        acc.agreements.put(a.id, a);
                        acc.lines.add(line.progress());
                    } else {
                        rows.get(keyOf.apply(a)).lines.add(line.progress());
                    }
                }
                for (AgreementDoc.Session s : a.trainings.values()) {
                    if (filter.unbounded() || filter.inRange(s.date)) {
                        targets.forEach(acc -> {
                            acc.sessions++;
                            acc.participants += (long) s.women + s.men;
                        });
                    }
                }
            }
            // whole months from the shelter's month totals; the days of a month the filter cuts through
            long people = 0;
            for (Map.Entry<String, MonthTotals> month : shelter.months.entrySet()) {
                YearMonth ym = YearMonth.parse(month.getKey());
                if (filter.unbounded() || MonthTotals.covers(ym, filter.from(), filter.to())) {
                    people += month.getValue().arrivals;
                    firstReported = earlier(firstReported, LocalDate.parse(month.getValue().firstDay));
                } else if (MonthTotals.overlaps(ym, filter.from(), filter.to())) {
                    for (Map.Entry<String, DailyArrivals> e : shelter.arrivals
                            .subMap(ym.atDay(1).toString(), true, ym.atEndOfMonth().toString(), true).entrySet()) {
                        LocalDate date = LocalDate.parse(e.getKey());
                        if (filter.inRange(date)) {
                            people += e.getValue().arrivals;
                            firstReported = earlier(firstReported, date);
                        }
                    }
                }
            }
            totals.people += people;
            if (!byCategory) {
                Set<String> keys = new LinkedHashSet<>();
                if (groupBy == GroupBy.STATE || groupBy == GroupBy.CORRIDOR || agreements.isEmpty()) {
                    keys.add(keyOf.apply(null));
                } else {
                    agreements.forEach(a -> keys.add(keyOf.apply(a)));
                }
                // people are counted once per group the shelter belongs to; the totals row counts them once
                long received = people;
                keys.forEach(k -> rows.computeIfAbsent(k, x -> new Acc()).people += received);
            }
        }
        List<Row> result = new ArrayList<>();
        rows.forEach((key, acc) -> result.add(acc.row(key, byCategory)));
        LocalDate from = filter.from() != null ? filter.from() : firstReported;
        LocalDate to = filter.to() != null ? filter.to() : snapshot.today();
        return new View(groupBy, DayRange.of(from, to, snapshot.today()), result, totals.row("TOTAL", false));
    }

    private static LocalDate earlier(LocalDate a, LocalDate b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static String nz(String value) {
        return value == null ? "UNKNOWN" : value;
    }
}
