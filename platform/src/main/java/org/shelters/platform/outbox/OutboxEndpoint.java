package org.shelters.platform.outbox;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The operator's handle on events the relay parked ({@code GET /actuator/outbox}): each parked
 * aggregate with its pending events and last error. {@code POST /actuator/outbox/{collection}/{id}}
 * with {@code {"action":"retry"}} puts the aggregate back in the relay's sweep (after the cause was
 * fixed, e.g. the broker's size limit raised); {@code {"action":"drop"}} removes the FIRST pending
 * event (the one Kafka refuses) and retries the rest, recording what was dropped in the log.
 * Dropping loses that event for every consumer: it is the last resort the runbook describes.
 */
@Endpoint(id = "outbox")
public class OutboxEndpoint {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OutboxEndpoint.class);

    private final MongoTemplate mongo;
    private final OutboxRelay relay;

    public OutboxEndpoint(MongoTemplate mongo, OutboxRelay relay) {
        this.mongo = mongo;
        this.relay = relay;
    }

    @ReadOperation
    public Map<String, Object> parked() {
        List<Map<String, Object>> aggregates = new ArrayList<>();
        for (String collection : relay.collections()) {
            mongo.getCollection(collection).find(OutboxRelay.PARKED_DOCUMENTS)
                    .projection(Projections.include("outbox.eventId", "outbox.type", "outbox.recordedAt",
                            OutboxRelay.FAILURES, OutboxRelay.LAST_ERROR))
                    .limit(200)
                    .forEach(document -> {
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("collection", collection);
                        entry.put("id", document.get("_id"));
                        entry.put("attempts", document.get(OutboxRelay.FAILURES));
                        entry.put("lastError", document.get(OutboxRelay.LAST_ERROR));
                        entry.put("pending", document.getList("outbox", Document.class, List.of()).stream()
                                .map(e -> Map.of("eventId", String.valueOf(e.get("eventId")), "type", String.valueOf(e.get("type"))))
                                .toList());
                        aggregates.add(entry);
                    });
        }
        return Map.of("parked", aggregates);
    }

    @WriteOperation
    public Map<String, Object> decide(@Selector String collection, @Selector String id, String action) {
        if (!relay.collections().contains(collection)) {
            return Map.of("outcome", "unknown-collection", "collection", collection);
        }
        var documents = mongo.getCollection(collection);
        Document document = documents.find(Filters.and(Filters.eq("_id", id), OutboxRelay.PARKED_DOCUMENTS)).first();
        if (document == null) {
            return Map.of("outcome", "not-parked", "id", id);
        }
        if ("drop".equals(action)) {
            List<Document> pending = document.getList("outbox", Document.class, List.of());
            if (!pending.isEmpty()) {
                Document dropped = pending.get(0);
                documents.updateOne(Filters.eq("_id", id), Updates.pull("outbox",
                        new Document("eventId", dropped.get("eventId"))));
                log.error("outbox: operator dropped {} {} of {} {}; consumers will never see it", dropped.get("type"),
                        dropped.get("eventId"), collection, id);
            }
        } else if (!"retry".equals(action)) {
            return Map.of("outcome", "unknown-action", "allowed", List.of("retry", "drop"));
        }
        documents.updateOne(Filters.eq("_id", id), Updates.combine(Updates.unset(OutboxRelay.PARKED),
                Updates.unset(OutboxRelay.FAILURES)));
        relay.wake();
        return Map.of("outcome", "drop".equals(action) ? "dropped-first-and-retrying" : "retrying", "id", id);
    }
}
