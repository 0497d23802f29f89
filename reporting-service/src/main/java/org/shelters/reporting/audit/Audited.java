package org.shelters.reporting.audit;

import java.util.Map;
import org.shelters.events.EventPayload;
import org.shelters.events.Topic;
import org.shelters.events.Topics;
import org.shelters.events.agreements.AgreementEvent;
import org.shelters.events.logistics.LogisticsEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The topics whose aggregates have an audit trail — agreements ({@code agreements.v1}) and
 * shipments ({@code logistics.v1}) — and their live handlers. The rebuild replays the same list.
 */
@Configuration
public class Audited {

    /** Topic name to the kind of aggregate its events belong to. */
    public static final Map<String, String> TOPICS = Map.of(
            Topics.AGREEMENTS.name(), AuditEntry.AGREEMENT,
            Topics.LOGISTICS.name(), AuditEntry.SHIPMENT);

    @Bean
    AuditHandler<AgreementEvent> agreementAudit(AuditTrail trail) {
        return handler(Topics.AGREEMENTS, trail);
    }

    @Bean
    AuditHandler<LogisticsEvent> shipmentAudit(AuditTrail trail) {
        return handler(Topics.LOGISTICS, trail);
    }

    private static <P extends EventPayload> AuditHandler<P> handler(Topic<P> topic, AuditTrail trail) {
        return new AuditHandler<>(topic, TOPICS.get(topic.name()), trail);
    }
}
