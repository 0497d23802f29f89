package org.shelters.reporting.programme;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.read.Quantities;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.ReportSnapshot;
import org.shelters.reporting.shelters.ShelterDoc;
import org.shelters.reporting.shipments.ShipmentDoc;

/** Programme totals grouped by state, corridor, donor, phase or supply category. */
public final class ProgrammeSummary {

    public enum GroupBy { STATE, CORRIDOR, DONOR, PHASE, CATEGORY }

    private ProgrammeSummary() {
    }

    /**
     * One group's totals. Quantities as every service defines them: planned (on planned shipments,
     * the pipeline), dispatched (left the warehouse), in transit, items delivered (accepted), rejected.
     */
    public record Row(String key, int shelters, int agreements, BigDecimal budget, String currency,
                      BigDecimal committed, BigDecimal planned, BigDecimal dispatched, BigDecimal inTransit,
                      BigDecimal itemsDelivered, BigDecimal rejected, BigDecimal fulfilmentPercent,
                      Long peopleReceived, Integer trainingSessions, Long trainingParticipants) {
    }

    /** Columns of the quantity sums. */
    private static final int COMMITTED = 0;
    private static final int PLANNED = 1;
    private static final int DISPATCHED = 2;
    private static final int IN_TRANSIT = 3;
    private static final int ACCEPTED = 4;
    private static final int REJECTED = 5;

    public record View(GroupBy groupBy, List<Row> rows, Row totals) {
    }

    private static final class Acc {
        final Set<String> shelters = new HashSet<>();
        final Set<String> agreements = new HashSet<>();
        final Set<String> currencies = new LinkedHashSet<>();
        BigDecimal budget = BigDecimal.ZERO;
        final BigDecimal[] q = Quantities.zeros();
        // people and participants add up in longs: each report fits an int, a programme of them need not
        long people;
        int sessions;
        long participants;

        /** Which stage a shipment line counts in (the caller checked the shipment counts at all). */
        void count(ShipmentDoc shipment, ShipmentDoc.Line line) {
            if (shipment.planned()) {
                add(PLANNED, line.quantity);
                return;
            }
            add(DISPATCHED, line.quantity);
            if (shipment.inTransit()) {
                add(IN_TRANSIT, line.quantity);
            } else if (shipment.delivered()) {
                add(ACCEPTED, line.accepted);
                add(REJECTED, line.rejected);
            }
        }

        private void add(int column, BigDecimal value) {
            q[column] = q[column].add(Quantities.nz(value));
        }

        Row row(String key, boolean byCategory) {
            String currency = currencies.size() == 1 ? currencies.iterator().next() : currencies.isEmpty() ? null : "MIXED";
            return new Row(key, shelters.size(), agreements.size(), byCategory ? null : budget, byCategory ? null : currency,
                    q[COMMITTED], q[PLANNED], q[DISPATCHED], q[IN_TRANSIT], q[ACCEPTED], q[REJECTED],
                    Quantities.percent(q[ACCEPTED], q[COMMITTED]), byCategory ? null : people,
                    byCategory ? null : sessions, byCategory ? null : participants);
        }
    }

    public static View view(ReportSnapshot snapshot, ReportFilter filter, GroupBy groupBy) {
        Map<String, Acc> rows = new TreeMap<>();
        Acc totals = new Acc();
        boolean byCategory = groupBy == GroupBy.CATEGORY;
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
                    acc.agreements.add(a.id);
                    if (a.budget != null) {
                        acc.budget = acc.budget.add(a.budget);
                        acc.currencies.add(a.currency);
                    }
                }
                for (AgreementDoc.Commitment c : a.commitments) {
                    if (c.category == null || !filter.categoryMatches(c.category)) {
                        continue;
                    }
                    totals.q[COMMITTED] = totals.q[COMMITTED].add(Quantities.nz(c.quantity));
                    Acc acc = byCategory ? rows.computeIfAbsent(c.category.name(), k -> new Acc()) : rows.get(keyOf.apply(a));
                    if (byCategory) {
                        acc.shelters.add(shelter.id);
                        acc.agreements.add(a.id);
                    }
                    acc.q[COMMITTED] = acc.q[COMMITTED].add(Quantities.nz(c.quantity));
                }
                for (AgreementDoc.Session s : a.trainings.values()) {
                    if (filter.unbounded() || filter.inRange(s.date)) {
                        targets.forEach(acc -> {
                            acc.sessions++;
                            acc.participants += (long) s.women + s.men;
                        });
                    }
                }
                for (ShipmentDoc s : snapshot.shipmentsOfAgreement(a.id)) {
                    if (!filter.counts(s)) {
                        continue;
                    }
                    for (ShipmentDoc.Line l : s.lines) {
                        if (!filter.counts(l)) {
                            continue;
                        }
                        Acc acc = byCategory ? rows.computeIfAbsent(l.category.name(), k -> new Acc()) : rows.get(keyOf.apply(a));
                        for (Acc target : List.of(acc, totals)) {
                            target.count(s, l);
                        }
                    }
                }
            }
            long people = shelter.arrivals.entrySet().stream()
                    .filter(e -> filter.unbounded() || filter.inRange(java.time.LocalDate.parse(e.getKey())))
                    .mapToLong(e -> e.getValue().arrivals).sum();
            totals.people += people;
            if (!byCategory) {
                Set<String> keys = new LinkedHashSet<>();
                if (groupBy == GroupBy.STATE || groupBy == GroupBy.CORRIDOR || agreements.isEmpty()) {
                    keys.add(keyOf.apply(null));
                } else {
                    agreements.forEach(a -> keys.add(keyOf.apply(a)));
                }
                // people are counted once per group the shelter belongs to; the totals row counts them once
                keys.forEach(k -> rows.computeIfAbsent(k, x -> new Acc()).people += people);
            }
        }
        List<Row> result = new ArrayList<>();
        rows.forEach((key, acc) -> result.add(acc.row(key, byCategory)));
        return new View(groupBy, result, totals.row("TOTAL", false));
    }

    private static String nz(String value) {
        return value == null ? "UNKNOWN" : value;
    }
}
