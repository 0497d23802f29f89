package org.shelters.reporting.bench;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.shelters.events.EventCatalog;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventJson;
import org.shelters.events.EventMetadata;
import org.shelters.events.EventPayload;
import org.shelters.events.EventSchemas;
import org.shelters.events.Events;
import org.shelters.events.agreements.AgreementTerms;
import org.shelters.events.agreements.CommitmentLine;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.agreements.TrainingTopic;
import org.shelters.events.logistics.DeliveredLine;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.events.logistics.ShipmentLine;
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.ShelterArrivalsReported;
import org.shelters.reporting.Programme;

/**
 * The programme of one benchmark size, as the services publish it, sent day by day: every shelter
 * registered; each month per shelter one agreement (drafted, then signed; two commitment lines in
 * two units, with unit costs on every other month's agreement), one training session and one
 * shipment (planned, dispatched, delivered with part of the medicines rejected as damaged; the last
 * month's stays in transit when its delivery day has not come); one arrivals report per shelter and
 * day, a correction (revision 2) for every twentieth day, a few over-capacity nights and surges.
 * Dates end yesterday (UTC), so no report lies in the programme's future.
 */
final class ScaleBenchmarkProgramme {

    static final String[] STATES = ("MX-AGU MX-BCN MX-BCS MX-CAM MX-COA MX-COL MX-CHP MX-CHH MX-CMX MX-DUR MX-GUA "
            + "MX-GRO MX-HID MX-JAL MX-MEX MX-MIC MX-MOR MX-NAY MX-NLE MX-OAX MX-PUE MX-QUE MX-ROO MX-SLP MX-SIN "
            + "MX-SON MX-TAB MX-TAM MX-TLA MX-VER MX-YUC MX-ZAC").split(" ");
    static final int CAPACITY = 80;
    static final int MONTH = 30;

    private final int shelters;
    private final int days;
    private final LocalDate first;
    private final LocalDate last;
    private final Map<String, Long> sequences = new HashMap<>();
    private final Set<String> validated = new java.util.HashSet<>();
    private final EventSchemas schemas = EventSchemas.shared();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final AtomicLong sent = new AtomicLong();
    private Instant lastRecorded = Instant.EPOCH;
    private KafkaProducer<String, byte[]> producer;
    final List<String> agreementIds = new ArrayList<>();
    /** What the programme summary's totals must say once everything is applied (latest revision of each day). */
    long expectedPeople;
    long expectedTrainings;

    ScaleBenchmarkProgramme(int shelters, int days) {
        this.shelters = shelters;
        this.days = days;
        this.last = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        this.first = last.minusDays(days - 1L);
    }

    static String shelterId(int s) {
        return "shelter-" + s;
    }

    static int months(int days) {
        return (days + MONTH - 1) / MONTH;
    }

    /** Sends everything and waits for every acknowledgement; returns the number of events. */
    long send(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer = p;
            for (int s = 0; s < shelters; s++) {
                emit(Programme.shelter(shelterId(s), "Albergue " + s, STATES[s % STATES.length],
                        Corridor.values()[s % Corridor.values().length], CAPACITY));
            }
            for (int day = 0; day < days; day++) {
                LocalDate date = first.plusDays(day);
                for (int s = 0; s < shelters; s++) {
                    if (day % MONTH == 0) {
                        agreement(s, day / MONTH, date);
                    }
                    monthDay(s, day / MONTH, day % MONTH, date);
                    ShelterArrivalsReported report = arrivals(s, day, date, 1);
                    emit(report);
                    if (day % 20 == 7) {
                        report = arrivals(s, day, date, 2);
                        emit(report);
                    }
                    expectedPeople += report.arrivals();
                }
            }
            p.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("the broker refused an event", failure.get());
        }
        return sent.get();
    }

    Instant lastRecorded() {
        return lastRecorded;
    }

    LocalDate lastDay() {
        return last;
    }

    private void agreement(int s, int month, LocalDate start) {
        String id = "agreement-" + s + "-" + month;
        agreementIds.add(id);
        boolean lastMonth = month == months(days) - 1;
        // the last month's agreement is in force beyond today (what expiring-agreement alerts look at)
        LocalDate end = lastMonth ? last.plusDays(20) : start.plusDays(MONTH - 1);
        boolean costed = month % 2 == 0;
        AgreementTerms terms = Programme.terms(start, end, "25000",
                new CommitmentLine("L1", SupplyCategory.MEDICINES, "MED-AMOX-500", "amoxicilina 500 mg",
                        new BigDecimal("120"), "box", costed ? new BigDecimal("12.50") : null),
                new CommitmentLine("L2", SupplyCategory.HYGIENE_PRODUCTS, "HYG-KIT", "kit de higiene",
                        new BigDecimal("300"), "kit", costed ? new BigDecimal("3.20") : null));
        String donor = "donor-" + (s % 6);
        String phase = "PHASE-" + (1 + month % 2);
        emit(Programme.drafted(id, shelterId(s), donor, phase, terms));
        emit(Programme.signed(id, shelterId(s), donor, phase, terms));
    }

    /** A month's shipment (days 2, 3, 5) and training (day 10) of shelter {@code s}. */
    private void monthDay(int s, int month, int dayOfMonth, LocalDate date) {
        String agreement = "agreement-" + s + "-" + month;
        String shipment = "shipment-" + s + "-" + month;
        ShipmentLine medicines = new ShipmentLine("S1", "L1", SupplyCategory.MEDICINES, "MED-AMOX-500",
                new BigDecimal("40"), "box", "LOT-" + month, date.plusYears(2));
        ShipmentLine hygiene = new ShipmentLine("S2", "L2", SupplyCategory.HYGIENE_PRODUCTS, "HYG-KIT",
                new BigDecimal("100"), "kit", null, null);
        Instant dispatchedAt = date.minusDays(dayOfMonth - 3L).atTime(9, 0).toInstant(ZoneOffset.UTC);
        switch (dayOfMonth) {
            case 2 -> emit(Programme.planned(shipment, agreement, shelterId(s), date.plusDays(1), medicines, hygiene));
            case 3 -> emit(Programme.dispatched(shipment, agreement, shelterId(s), dispatchedAt, medicines, hygiene));
            case 5 -> emit(Programme.delivered(shipment, agreement, shelterId(s), dispatchedAt,
                    date.atTime(16, 30).toInstant(ZoneOffset.UTC),
                    new DeliveredLine("S1", "L1", SupplyCategory.MEDICINES, "MED-AMOX-500", new BigDecimal("40"),
                            new BigDecimal("37"), new BigDecimal("3"), RejectionReason.DAMAGED),
                    new DeliveredLine("S2", "L2", SupplyCategory.HYGIENE_PRODUCTS, "HYG-KIT", new BigDecimal("100"),
                            new BigDecimal("100"), BigDecimal.ZERO, null)));
            case 10 -> trained(Programme.training(agreement, shelterId(s), TrainingTopic.values()[month % TrainingTopic.values().length],
                    date, 6 + s % 5, 4 + month % 3));
            default -> {
            }
        }
    }

    private void trained(EventPayload session) {
        expectedTrainings++;
        emit(session);
    }

    int shelters() {
        return shelters;
    }

    private static ShelterArrivalsReported arrivals(int s, int day, LocalDate date, int revision) {
        int base = 12 + (s * 7 + day * 13) % 25;
        int arrivals = day % 45 == 44 && s % 7 == 0 ? base * 4 : base; // a surge now and then
        arrivals += revision - 1; // a correction changes the figures
        int women = arrivals * 3 / 10;
        int girls = arrivals / 10;
        int boys = arrivals / 10;
        int men = arrivals - women - girls - boys;
        int occupancy = s % 10 == 0 && day % 30 == 29 ? CAPACITY + 15 : 40 + (s + day) % 30;
        return new ShelterArrivalsReported(shelterId(s), date, revision, arrivals, women, men, girls, boys,
                Math.min(1 + s % 3, girls + boys), 1 + day % 3, day % 50 == 0 ? 1 : 0, occupancy);
    }

    private void emit(EventPayload payload) {
        long sequence = sequences.merge(payload.aggregateId(), 1L, Long::sum);
        Instant now = Instant.now();
        EventEnvelope<EventPayload> envelope = Events.envelope("/bench/scale", payload, sequence, EventMetadata.none(), now, now);
        byte[] json = EventJson.DEFAULT.write(envelope);
        String type = EventCatalog.typeOf(payload).name();
        if (validated.add(type)) {
            // each type once against the schema the consumers validate with: a bad event would only be dead-lettered
            List<String> errors = schemas.validate(json);
            if (!errors.isEmpty()) {
                throw new IllegalStateException(type + " does not match its schema: " + errors);
            }
        }
        lastRecorded = now;
        producer.send(new ProducerRecord<>(envelope.eventType().topic().name(), envelope.subject(), json), (meta, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
        sent.incrementAndGet();
    }
}
