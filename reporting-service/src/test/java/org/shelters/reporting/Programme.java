package org.shelters.reporting;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventJson;
import org.shelters.events.EventMetadata;
import org.shelters.events.EventPayload;
import org.shelters.events.Events;
import org.shelters.events.agreements.AgreementAmended;
import org.shelters.events.agreements.AgreementDrafted;
import org.shelters.events.agreements.AgreementSigned;
import org.shelters.events.agreements.AgreementTerms;
import org.shelters.events.agreements.CommitmentLine;
import org.shelters.events.agreements.Money;
import org.shelters.events.agreements.Period;
import org.shelters.events.agreements.PlannedTraining;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.agreements.TrainingSessionDelivered;
import org.shelters.events.agreements.TrainingTopic;
import org.shelters.events.logistics.DeliveredLine;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.events.logistics.ShipmentLine;
import org.shelters.events.logistics.ShipmentPlanned;
import org.shelters.events.logistics.SuppliesDelivered;
import org.shelters.events.logistics.SuppliesDispatched;
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.ShelterArrivalsReported;
import org.shelters.events.shelters.ShelterRegistered;
import org.shelters.events.shelters.ShelterServiceOffered;

/**
 * Builds programme events as the other services publish them (envelopes with per-aggregate
 * sequences) and sends them to the real broker. Sequences are tracked per aggregate.
 */
public final class Programme implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, Long> sequences = new ConcurrentHashMap<>();
    private final List<Future<?>> pending = new ArrayList<>();

    public Programme(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    public <T extends EventPayload> EventEnvelope<T> envelope(T payload) {
        long sequence = sequences.merge(payload.aggregateId(), 1L, Long::sum);
        Instant now = Instant.now();
        return Events.envelope("/test", payload, sequence, EventMetadata.none(), now, now);
    }

    /** As a command of {@code actorId} in role {@code actorRole} causes it, in {@code correlationId}. */
    public <T extends EventPayload> EventEnvelope<T> sendAs(T payload, String actorId, String actorRole, String correlationId) {
        long sequence = sequences.merge(payload.aggregateId(), 1L, Long::sum);
        Instant now = Instant.now();
        EventEnvelope<T> envelope = Events.envelope("/test", payload, sequence,
                new EventMetadata(correlationId, null, null, actorId, actorRole), now, now);
        send(envelope);
        return envelope;
    }

    public <T extends EventPayload> EventEnvelope<T> send(T payload) {
        EventEnvelope<T> envelope = envelope(payload);
        send(envelope);
        return envelope;
    }

    public void send(EventEnvelope<?> envelope) {
        // the topic the event catalog assigns to the type, as the producing services publish it
        String topic = envelope.eventType().topic().name();
        pending.add(producer.send(new ProducerRecord<>(topic, envelope.subject(), EventJson.DEFAULT.write(envelope))));
    }

    /** Sends {@code value} as it is, e.g. a record taken off a dead-letter topic (what a re-drive does). */
    public void sendRaw(String topic, String key, byte[] value) {
        pending.add(producer.send(new ProducerRecord<>(topic, key, value)));
    }

    public void flush() {
        producer.flush();
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        pending.clear();
    }

    @Override
    public void close() {
        flush();
        producer.close();
    }

    public static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    // ---- payloads ----

    public static ShelterRegistered shelter(String id, String name, String state, Corridor corridor, int capacity) {
        return new ShelterRegistered(id, name, state, "Municipio", corridor, capacity,
                List.of(ShelterServiceOffered.LODGING, ShelterServiceOffered.FOOD), false);
    }

    public static ShelterArrivalsReported arrivals(String shelterId, LocalDate date, int revision, int arrivals,
                                                   int women, int men, int girls, int boys, int occupancy) {
        return new ShelterArrivalsReported(shelterId, date, revision, arrivals, women, men, girls, boys, 1, 2, 0, occupancy);
    }

    public static AgreementTerms terms(LocalDate start, LocalDate end, String budget, CommitmentLine... lines) {
        return new AgreementTerms(new Period(start, end), new Money(new BigDecimal(budget), "USD"), List.of(lines),
                List.of(new PlannedTraining(TrainingTopic.MIGRANT_RIGHTS, 20)), List.of());
    }

    public static CommitmentLine line(String lineId, SupplyCategory category, String quantity) {
        return new CommitmentLine(lineId, category, "ITEM-" + lineId, "item " + lineId, new BigDecimal(quantity), "unit");
    }

    public static AgreementDrafted drafted(String agreementId, String shelterId, String donor, String phase,
                                           AgreementTerms terms) {
        return new AgreementDrafted(agreementId, shelterId, "MX-SHELTERS", donor, phase, 2026, terms);
    }

    public static AgreementSigned signed(String agreementId, String shelterId, String donor, String phase, AgreementTerms terms) {
        return new AgreementSigned(agreementId, shelterId, "MX-SHELTERS", donor, phase, 2026, terms.period().start(), terms);
    }

    public static AgreementAmended amended(String agreementId, String shelterId, int number, AgreementTerms terms) {
        return new AgreementAmended(agreementId, shelterId, number, "more supplies", terms);
    }

    public static TrainingSessionDelivered training(String agreementId, String shelterId, TrainingTopic topic,
                                                    LocalDate date, int women, int men) {
        return new TrainingSessionDelivered(agreementId, shelterId, id("session"), topic, date, women, men);
    }

    public static ShipmentLine shipmentLine(String lineId, String commitmentLineId, SupplyCategory category, String quantity) {
        return new ShipmentLine(lineId, commitmentLineId, category, "ITEM-" + commitmentLineId, new BigDecimal(quantity),
                "unit", null, null);
    }

    public static ShipmentPlanned planned(String shipmentId, String agreementId, String shelterId, LocalDate date,
                                          ShipmentLine... lines) {
        return new ShipmentPlanned(shipmentId, agreementId, shelterId, date, List.of(lines), false, null);
    }

    public static SuppliesDispatched dispatched(String shipmentId, String agreementId, String shelterId, Instant at,
                                                ShipmentLine... lines) {
        return new SuppliesDispatched(shipmentId, agreementId, shelterId, at, "Estafeta", "WB-" + shipmentId, List.of(lines));
    }

    public static SuppliesDelivered delivered(String shipmentId, String agreementId, String shelterId, Instant dispatchedAt,
                                              Instant receivedAt, DeliveredLine... lines) {
        return new SuppliesDelivered(shipmentId, agreementId, shelterId, dispatchedAt, "Estafeta", receivedAt,
                "SHELTER_COORDINATOR", List.of(lines));
    }

    public static DeliveredLine deliveredLine(String lineId, String commitmentLineId, SupplyCategory category,
                                              String shipped, String accepted, String rejected, RejectionReason reason) {
        return new DeliveredLine(lineId, commitmentLineId, category, "ITEM-" + commitmentLineId, new BigDecimal(shipped),
                new BigDecimal(accepted), new BigDecimal(rejected), reason);
    }
}
