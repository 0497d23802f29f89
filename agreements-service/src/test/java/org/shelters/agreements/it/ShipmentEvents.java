package org.shelters.agreements.it;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.shelters.events.EventEnvelope;
import org.shelters.events.EventJson;
import org.shelters.events.EventMetadata;
import org.shelters.events.Events;
import org.shelters.events.Topics;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.logistics.DeliveredLine;
import org.shelters.events.logistics.LogisticsEvent;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.events.logistics.ShipmentCancelled;
import org.shelters.events.logistics.ShipmentLine;
import org.shelters.events.logistics.ShipmentPlanned;
import org.shelters.events.logistics.SuppliesDelivered;
import org.shelters.events.logistics.SuppliesDispatched;
import org.shelters.testsupport.TestInfrastructure;

/**
 * One shipment's life on logistics.v1, published as logistics-service would (envelope with the
 * shipment's sequence, key = shipment id) by a plain producer, so the consumer under test sees
 * exactly what the real producer sends.
 */
final class ShipmentEvents {

    /** A line of the shipment against a commitment line; {@code accepted} is what the delivery confirms. */
    record Line(String commitmentLineId, SupplyCategory category, String itemCode, String unit, BigDecimal quantity,
                BigDecimal accepted) {

        static Line of(String commitmentLineId, SupplyCategory category, String itemCode, String unit, int quantity) {
            return new Line(commitmentLineId, category, itemCode, unit, BigDecimal.valueOf(quantity), BigDecimal.valueOf(quantity));
        }

        Line accepting(int accepted) {
            return new Line(commitmentLineId, category, itemCode, unit, quantity, BigDecimal.valueOf(accepted));
        }
    }

    private static final Instant DISPATCHED_AT = Instant.now().minusSeconds(7_200);

    private final String shipmentId;
    private final String agreementId;
    private final String shelterId;
    private final List<Line> lines;
    private final AtomicLong sequence = new AtomicLong();

    ShipmentEvents(String shipmentId, String agreementId, String shelterId, Line... lines) {
        this.shipmentId = shipmentId;
        this.agreementId = agreementId;
        this.shelterId = shelterId;
        this.lines = List.of(lines);
    }

    EventEnvelope<LogisticsEvent> planned() {
        return next(new ShipmentPlanned(shipmentId, agreementId, shelterId, LocalDate.now(), shipmentLines(), false, null));
    }

    EventEnvelope<LogisticsEvent> dispatched() {
        return next(new SuppliesDispatched(shipmentId, agreementId, shelterId, DISPATCHED_AT, "Transportes del Sur", "WB-"
                + shipmentId, shipmentLines()));
    }

    /** Proof of delivery: each line's {@code accepted}, the rest rejected as damaged. */
    EventEnvelope<LogisticsEvent> delivered() {
        List<DeliveredLine> delivered = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            BigDecimal rejected = line.quantity().subtract(line.accepted());
            delivered.add(new DeliveredLine("L" + (i + 1), line.commitmentLineId(), line.category(), line.itemCode(),
                    line.quantity(), line.accepted(), rejected, rejected.signum() > 0 ? RejectionReason.DAMAGED : null));
        }
        return next(new SuppliesDelivered(shipmentId, agreementId, shelterId, DISPATCHED_AT, "Transportes del Sur",
                DISPATCHED_AT.plusSeconds(3_600), "SHELTER_PARTNER", delivered));
    }

    EventEnvelope<LogisticsEvent> cancelled() {
        return next(new ShipmentCancelled(shipmentId, agreementId, shelterId, "stock reassigned", false));
    }

    static void publish(List<EventEnvelope<LogisticsEvent>> envelopes) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (EventEnvelope<LogisticsEvent> envelope : envelopes) {
                producer.send(new ProducerRecord<>(Topics.LOGISTICS.name(), envelope.subject(),
                        EventJson.DEFAULT.write(envelope))).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + Topics.LOGISTICS.name(), e);
        }
    }

    private List<ShipmentLine> shipmentLines() {
        List<ShipmentLine> shipped = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Line line = lines.get(i);
            boolean medicine = line.category() == SupplyCategory.MEDICINES;
            shipped.add(new ShipmentLine("L" + (i + 1), line.commitmentLineId(), line.category(), line.itemCode(),
                    line.quantity(), line.unit(), medicine ? "LOT-" + i : null, medicine ? LocalDate.now().plusYears(2) : null));
        }
        return shipped;
    }

    private EventEnvelope<LogisticsEvent> next(LogisticsEvent event) {
        Instant now = Instant.now();
        return Events.envelope("/logistics-service", event, sequence.incrementAndGet(), EventMetadata.none(), now, now);
    }
}
