package org.shelters.reporting.rollup;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.agreements.TrainingTopic;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.events.shelters.Corridor;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.shelters.LatestReport;
import org.shelters.reporting.shelters.MonthTotals;
import org.shelters.reporting.shelters.ShelterDoc;
import org.shelters.reporting.shipments.ShipmentDoc;

/**
 * The copies a rollup keeps of a shelter's agreements and shipments, and the rollup's own fields,
 * written and read field by field: only what the reports read of them, without nulls, so that a
 * report over every shelter reads and decodes little. An agreement's text (descriptions, item
 * codes, planned trainings) is read from the agreement itself ({@code /agreements/{id}/fulfilment}).
 */
final class Copies {

    private Copies() {
    }

    static Document agreement(AgreementDoc a) {
        Document d = new Document("_id", a.id);
        put(d, "shelterId", a.shelterId);
        put(d, "donor", a.donor);
        put(d, "phase", a.phase);
        put(d, "status", a.status);
        put(d, "signedOn", a.signedOn);
        put(d, "periodStart", a.periodStart);
        put(d, "periodEnd", a.periodEnd);
        put(d, "budget", a.budget);
        put(d, "originalBudget", a.originalBudget);
        put(d, "currency", a.currency);
        put(d, "lastRecordedTime", a.lastRecordedTime);
        List<Document> lines = new ArrayList<>();
        for (AgreementDoc.Commitment c : a.commitments) {
            Document l = new Document();
            put(l, "lineId", c.lineId);
            put(l, "category", c.category);
            put(l, "quantity", c.quantity);
            put(l, "unit", c.unit);
            put(l, "unitCost", c.unitCost);
            lines.add(l);
        }
        d.put("commitments", lines);
        Document sessions = new Document();
        a.trainings.forEach((id, s) -> {
            Document t = new Document();
            put(t, "topic", s.topic);
            put(t, "date", s.date);
            t.put("women", s.women);
            t.put("men", s.men);
            sessions.put(ReadModels.key(id), t);
        });
        d.put("trainings", sessions);
        return d;
    }

    static AgreementDoc agreement(Document d) {
        AgreementDoc a = AgreementDoc.empty(d.getString("_id"));
        a.shelterId = d.getString("shelterId");
        a.donor = d.getString("donor");
        a.phase = d.getString("phase");
        a.status = d.getString("status");
        a.signedOn = date(d, "signedOn");
        a.periodStart = date(d, "periodStart");
        a.periodEnd = date(d, "periodEnd");
        a.budget = decimal(d, "budget");
        a.originalBudget = decimal(d, "originalBudget");
        a.currency = d.getString("currency");
        a.lastRecordedTime = instant(d, "lastRecordedTime");
        for (Document l : d.getList("commitments", Document.class, List.of())) {
            AgreementDoc.Commitment c = new AgreementDoc.Commitment();
            c.lineId = l.getString("lineId");
            c.category = named(SupplyCategory.class, l.getString("category"));
            c.quantity = decimal(l, "quantity");
            c.unit = l.getString("unit");
            c.unitCost = decimal(l, "unitCost");
            a.commitments.add(c);
        }
        Document sessions = d.get("trainings", Document.class);
        if (sessions != null) {
            sessions.forEach((id, value) -> {
                Document t = (Document) value;
                AgreementDoc.Session s = new AgreementDoc.Session();
                s.topic = named(TrainingTopic.class, t.getString("topic"));
                s.date = date(t, "date");
                s.women = t.getInteger("women", 0);
                s.men = t.getInteger("men", 0);
                a.trainings.put(id, s);
            });
        }
        return a;
    }

    static Document shipment(ShipmentDoc s) {
        Document d = new Document("_id", s.id);
        put(d, "agreementId", s.agreementId);
        put(d, "shelterId", s.shelterId);
        put(d, "status", s.status);
        put(d, "plannedDate", s.plannedDate);
        put(d, "dispatchedAt", s.dispatchedAt);
        put(d, "carrier", s.carrier);
        put(d, "receivedAt", s.receivedAt);
        put(d, "lastRecordedTime", s.lastRecordedTime);
        List<Document> lines = new ArrayList<>();
        for (ShipmentDoc.Line line : s.lines) {
            Document l = new Document();
            put(l, "commitmentLineId", line.commitmentLineId);
            put(l, "category", line.category);
            put(l, "quantity", line.quantity);
            put(l, "accepted", line.accepted);
            put(l, "rejected", line.rejected);
            put(l, "rejectionReason", line.rejectionReason);
            lines.add(l);
        }
        d.put("lines", lines);
        return d;
    }

    static ShipmentDoc shipment(Document d) {
        ShipmentDoc s = ShipmentDoc.empty(d.getString("_id"));
        s.agreementId = d.getString("agreementId");
        s.shelterId = d.getString("shelterId");
        s.status = d.getString("status");
        s.plannedDate = date(d, "plannedDate");
        s.dispatchedAt = instant(d, "dispatchedAt");
        s.carrier = d.getString("carrier");
        s.receivedAt = instant(d, "receivedAt");
        s.lastRecordedTime = instant(d, "lastRecordedTime");
        for (Document l : d.getList("lines", Document.class, List.of())) {
            ShipmentDoc.Line line = new ShipmentDoc.Line();
            line.commitmentLineId = l.getString("commitmentLineId");
            line.category = named(SupplyCategory.class, l.getString("category"));
            line.quantity = decimal(l, "quantity");
            line.accepted = decimal(l, "accepted");
            line.rejected = decimal(l, "rejected");
            line.rejectionReason = named(RejectionReason.class, l.getString("rejectionReason"));
            s.lines.add(line);
        }
        return s;
    }

    /** The profile fields of a rollup; the retirement, rare, as the store's converter wrote it. */
    static ShelterDoc profile(Document rollup, java.util.function.Function<Document, ShelterDoc.Retirement> retirement) {
        ShelterDoc s = ShelterDoc.empty(rollup.getString("_id"));
        s.registered = rollup.getBoolean("registered", false);
        s.name = rollup.getString("name");
        s.state = rollup.getString("state");
        s.municipality = rollup.getString("municipality");
        s.corridor = named(Corridor.class, rollup.getString("corridor"));
        Object capacity = rollup.get("capacity");
        s.capacity = capacity instanceof Number n ? n.intValue() : 0;
        s.services = new ArrayList<>(rollup.getList("services", String.class, List.of()));
        s.demo = rollup.getBoolean("demo", false);
        Document retired = rollup.get("retirement", Document.class);
        s.retirement = retired == null ? null : retirement.apply(retired);
        return s;
    }

    static TreeMap<String, MonthTotals> months(Document rollup) {
        TreeMap<String, MonthTotals> months = new TreeMap<>();
        Document stored = rollup.get("months", Document.class);
        if (stored != null) {
            stored.forEach((month, value) -> {
                Document m = (Document) value;
                MonthTotals t = new MonthTotals();
                t.days = (int) number(m, "days");
                t.firstDay = m.getString("firstDay");
                t.arrivals = number(m, "arrivals");
                months.put(month, t);
            });
        }
        return months;
    }

    static LatestReport latest(Document rollup) {
        Document l = rollup.get("latest", Document.class);
        if (l == null) {
            return null;
        }
        LatestReport r = new LatestReport();
        r.date = l.getString("date");
        r.arrivals = (int) number(l, "arrivals");
        r.overnightOccupancy = (int) number(l, "overnightOccupancy");
        r.priorDays = (int) number(l, "priorDays");
        r.priorArrivals = number(l, "priorArrivals");
        return r;
    }

    private static void put(Document d, String field, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof BigDecimal b) {
            d.put(field, new Decimal128(b));
        } else if (value instanceof LocalDate day) {
            d.put(field, day.toString());
        } else if (value instanceof Instant instant) {
            d.put(field, Date.from(instant));
        } else if (value instanceof Enum<?> e) {
            d.put(field, e.name());
        } else {
            d.put(field, value);
        }
    }

    private static long number(Document d, String field) {
        Object value = d.get(field);
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static BigDecimal decimal(Document d, String field) {
        Object value = d.get(field);
        if (value instanceof Decimal128 dec) {
            return dec.bigDecimalValue();
        }
        return value instanceof Number n ? new BigDecimal(n.toString()) : null;
    }

    private static LocalDate date(Document d, String field) {
        String value = d.getString(field);
        return value == null ? null : LocalDate.parse(value);
    }

    private static Instant instant(Document d, String field) {
        Date value = d.getDate(field);
        return value == null ? null : value.toInstant();
    }

    private static <E extends Enum<E>> E named(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }
}
