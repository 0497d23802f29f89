package org.shelters.agreements.it;

import java.time.Instant;
import java.time.LocalDate;
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
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.ShelterArrivalsReported;
import org.shelters.events.shelters.ShelterEvent;
import org.shelters.events.shelters.ShelterRegistered;
import org.shelters.events.shelters.ShelterServiceOffered;
import org.shelters.testsupport.TestInfrastructure;

/**
 * One shelter's stream on shelters.v1 as agreements-service's outbox relay publishes it (envelope
 * with the shelter's sequence, key = shelter id), sent by a plain producer: reports made before
 * the read-back existed, or redeliveries, exactly as the consumer sees them.
 */
public final class ShelterArrivalEvents {

    private final String shelterId;
    private final AtomicLong sequence;

    /** @param version the shelter's version so far: the next event gets {@code version + 1} */
    public ShelterArrivalEvents(String shelterId, long version) {
        this.shelterId = shelterId;
        this.sequence = new AtomicLong(version);
    }

    public EventEnvelope<ShelterEvent> registered() {
        return next(new ShelterRegistered(shelterId, "Albergue Histórico " + shelterId, "MX-CHP", "Tapachula",
                Corridor.SOUTHERN_BORDER, 120, List.of(ShelterServiceOffered.LODGING), false), Instant.now());
    }

    /** Revision {@code revision} of {@code date}: {@code arrivals} people, a quarter of them women, the rest men. */
    public EventEnvelope<ShelterEvent> reported(LocalDate date, int revision, int arrivals, Instant recordedAt) {
        int women = arrivals / 4;
        return next(new ShelterArrivalsReported(shelterId, date, revision, arrivals, women, arrivals - women, 0, 0, 0, 0, 0,
                arrivals), recordedAt);
    }

    public static void publish(List<EventEnvelope<ShelterEvent>> envelopes) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (EventEnvelope<ShelterEvent> envelope : envelopes) {
                producer.send(new ProducerRecord<>(Topics.SHELTERS.name(), envelope.subject(),
                        EventJson.DEFAULT.write(envelope))).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + Topics.SHELTERS.name(), e);
        }
    }

    private EventEnvelope<ShelterEvent> next(ShelterEvent event, Instant recordedAt) {
        return Events.envelope("/agreements-service", event, sequence.incrementAndGet(), EventMetadata.none(), recordedAt,
                recordedAt);
    }
}
