package org.shelters.reporting;

import java.util.List;
import org.shelters.events.agreements.AgreementEvent;
import org.shelters.events.logistics.LogisticsEvent;
import org.shelters.events.shelters.ShelterEvent;
import org.shelters.reporting.agreements.AgreementFold;
import org.shelters.reporting.projection.LiveProjections;
import org.shelters.reporting.projection.Projection;
import org.shelters.reporting.projection.ProjectionHandler;
import org.shelters.reporting.projection.TopicProjection;
import org.shelters.reporting.rollup.ReadModels;
import org.shelters.reporting.shelters.ShelterFold;
import org.shelters.reporting.shipments.ShipmentFold;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every projection of the service, by topic, and one live handler per topic. The rebuild replays
 * the same list, so the live and the rebuilt documents are folded by the same code.
 */
@Configuration
public class Projections {

    public static final List<TopicProjection<?>> ALL =
            List.of(ShelterFold.PROJECTION, AgreementFold.PROJECTION, ShipmentFold.PROJECTION);

    /**
     * Every kind of document, each once: what a rebuild drops and refills. The folds' documents,
     * then the read-side documents derived from them after each batch ({@link ReadModels}).
     */
    public static final List<Projection<?>> DOCUMENTS = java.util.stream.Stream.concat(
            ALL.stream().flatMap(topic -> topic.documents().stream()), ReadModels.DOCUMENTS.stream()).toList();

    @Bean
    ProjectionHandler<ShelterEvent> shelterProjections(LiveProjections live) {
        return new ProjectionHandler<>(ShelterFold.PROJECTION, live);
    }

    @Bean
    ProjectionHandler<AgreementEvent> agreementProjections(LiveProjections live) {
        return new ProjectionHandler<>(AgreementFold.PROJECTION, live);
    }

    @Bean
    ProjectionHandler<LogisticsEvent> logisticsProjections(LiveProjections live) {
        return new ProjectionHandler<>(ShipmentFold.PROJECTION, live);
    }
}
