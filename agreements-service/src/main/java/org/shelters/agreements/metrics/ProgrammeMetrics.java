package org.shelters.agreements.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.shelters.events.agreements.TrainingSessionDelivered;
import org.shelters.events.agreements.TrainingTopic;
import org.shelters.events.shelters.Corridor;
import org.springframework.stereotype.Component;

/**
 * Domain counters of this service (Prometheus names in brackets): agreements signed
 * [{@code agreements_signed_total}], trainings delivered [{@code trainings_delivered_total{topic}}]
 * and their participants [{@code training_participants_total{topic,sex}}], daily arrivals reports
 * [{@code arrivals_reported_total{corridor}}] and corrections of an earlier report
 * [{@code arrival_corrections_total}]. Labels are enums only (bounded, no ids). Every series is
 * registered at 0 on start-up so that {@code increase()} sees the first increment.
 *
 * <p>The services call these only after the command's single-document write succeeded.
 */
@Component
public class ProgrammeMetrics {

    private final Counter signed;
    private final Counter corrections;
    private final Map<TrainingTopic, Counter> trainings = new EnumMap<>(TrainingTopic.class);
    private final Map<TrainingTopic, Counter> women = new EnumMap<>(TrainingTopic.class);
    private final Map<TrainingTopic, Counter> men = new EnumMap<>(TrainingTopic.class);
    private final Map<Corridor, Counter> arrivals = new EnumMap<>(Corridor.class);

    public ProgrammeMetrics(MeterRegistry registry) {
        signed = Counter.builder("agreements.signed")
                .description("Cooperation agreements signed")
                .register(registry);
        corrections = Counter.builder("arrival.corrections")
                .description("Daily arrivals reports that replaced an earlier report of the same shelter and date")
                .register(registry);
        for (TrainingTopic topic : TrainingTopic.values()) {
            trainings.put(topic, Counter.builder("trainings.delivered")
                    .description("Training sessions delivered at shelters, by topic")
                    .tag("topic", topic.name())
                    .register(registry));
            women.put(topic, participants(registry, topic, "women"));
            men.put(topic, participants(registry, topic, "men"));
        }
        for (Corridor corridor : Corridor.values()) {
            arrivals.put(corridor, Counter.builder("arrivals.reported")
                    .description("Daily arrivals reports received from shelters (first reports and corrections), by migration corridor")
                    .tag("corridor", corridor.name())
                    .register(registry));
        }
    }

    private static Counter participants(MeterRegistry registry, TrainingTopic topic, String sex) {
        return Counter.builder("training.participants")
                .description("Participants of training sessions delivered at shelters, by topic and sex")
                .tag("topic", topic.name())
                .tag("sex", sex)
                .register(registry);
    }

    public void agreementSigned() {
        signed.increment();
    }

    public void trainingDelivered(TrainingSessionDelivered session) {
        trainings.get(session.topic()).increment();
        women.get(session.topic()).increment(session.participantsWomen());
        men.get(session.topic()).increment(session.participantsMen());
    }

    /** One daily report stored; {@code correction} when it replaced an earlier revision of the same date. */
    public void arrivalsReported(Corridor corridor, boolean correction) {
        if (corridor != null) {
            arrivals.get(corridor).increment();
        }
        if (correction) {
            corrections.increment();
        }
    }
}
