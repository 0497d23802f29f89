package org.shelters.platform.consumer;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.shelters.events.EventEnvelope;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * What this service has already handled; the first line of duplicate detection.
 *
 * <p>Events from our producers carry the aggregate {@code sequence} and arrive in order per key,
 * so one high-water mark per aggregate is enough: an event at or below it was handled. That is
 * one small upsert per aggregate per poll instead of one document per event, which matters when
 * catching up on a backlog. Events without a sequence (foreign producers) fall back to a log of
 * event ids.
 */
public class ConsumedEventLog {

    static final String SEQUENCES = "consumed_sequences";
    static final String EVENT_IDS = "consumed_events";
    static final String DEAD_LETTERED = "dead_lettered_events";

    private final MongoTemplate mongo;
    /** Dead-lettered events seen again (replayed from the DLT) and not yet recorded as handled. */
    private final Set<String> revived = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public ConsumedEventLog(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The events of {@code events} (in delivery order) that were handled before, or earlier in the same list. */
    public Set<EventEnvelope<?>> duplicates(List<? extends EventEnvelope<?>> events) {
        Set<String> keys = new HashSet<>();
        List<String> ids = new ArrayList<>();
        for (EventEnvelope<?> event : events) {
            if (event.sequence() > 0) {
                keys.add(key(event));
            } else {
                ids.add(event.id().toString());
            }
        }
        Map<String, Long> marks = new HashMap<>();
        if (!keys.isEmpty()) {
            sequences().find(Filters.in("_id", keys)).forEach(d -> marks.put(d.getString("_id"), number(d.get("sequence"))));
        }
        Set<String> seenIds = new HashSet<>();
        if (!ids.isEmpty()) {
            eventIds().find(Filters.in("_id", ids)).forEach(d -> seenIds.add(d.getString("_id")));
        }
        Set<EventEnvelope<?>> duplicates = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (EventEnvelope<?> event : events) {
            if (event.sequence() > 0) {
                String key = key(event);
                long mark = marks.getOrDefault(key, 0L);
                if (event.sequence() <= mark) {
                    duplicates.add(event);
                } else {
                    marks.put(key, event.sequence());
                }
            } else if (!seenIds.add(event.id().toString())) {
                duplicates.add(event);
            }
        }
        reviveDeadLettered(duplicates);
        return duplicates;
    }

    /**
     * A dead-lettered event replayed from the DLT is below its aggregate's mark (later events went
     * on), yet was never applied: it is not a duplicate. Only looked up for would-be duplicates.
     */
    private void reviveDeadLettered(Set<EventEnvelope<?>> duplicates) {
        if (duplicates.isEmpty()) {
            return;
        }
        List<String> ids = duplicates.stream().map(e -> e.id().toString()).toList();
        Set<String> deadLettered = new HashSet<>();
        deadLettered().find(Filters.in("_id", ids)).forEach(d -> deadLettered.add(d.getString("_id")));
        if (!deadLettered.isEmpty()) {
            duplicates.removeIf(e -> deadLettered.contains(e.id().toString()));
            revived.addAll(deadLettered);
        }
    }

    /** Remembers that {@code event} went to the dead-letter topic, so a replay of it is applied. */
    public void markDeadLettered(EventEnvelope<?> event) {
        deadLettered().updateOne(Filters.eq("_id", event.id().toString()),
                Updates.combine(Updates.set("type", event.type()), Updates.set("subject", event.subject()),
                        Updates.set("sequence", event.sequence()), Updates.set("deadLetteredAt", new Date())),
                new UpdateOptions().upsert(true));
    }

    /** Records {@code events} as handled (they must have been applied first). */
    public void markConsumed(List<? extends EventEnvelope<?>> events) {
        if (events.isEmpty()) {
            return;
        }
        if (!revived.isEmpty()) {
            List<String> replayed = events.stream().map(e -> e.id().toString()).filter(revived::remove).toList();
            if (!replayed.isEmpty()) {
                deadLettered().deleteMany(Filters.in("_id", replayed));
            }
        }
        // a dead letter can also come back ahead of its aggregate's mark (nothing came after it):
        // once applied it must be forgotten too, or a later re-drive would apply it twice
        if (deadLettered().estimatedDocumentCount() > 0) {
            deadLettered().deleteMany(Filters.in("_id", events.stream().map(e -> e.id().toString()).toList()));
        }
        Map<String, Long> highest = new LinkedHashMap<>();
        List<Document> withoutSequence = new ArrayList<>();
        Date now = new Date();
        for (EventEnvelope<?> event : events) {
            if (event.sequence() > 0) {
                highest.merge(key(event), event.sequence(), Math::max);
            } else {
                withoutSequence.add(new Document("_id", event.id().toString()).append("type", event.type())
                        .append("subject", event.subject()).append("consumedAt", now));
            }
        }
        if (!highest.isEmpty()) {
            List<WriteModel<Document>> upserts = new ArrayList<>(highest.size());
            highest.forEach((key, sequence) -> upserts.add(new UpdateOneModel<>(Filters.eq("_id", key),
                    Updates.combine(Updates.max("sequence", sequence), Updates.set("consumedAt", now)),
                    new UpdateOptions().upsert(true))));
            sequences().bulkWrite(upserts, new BulkWriteOptions().ordered(false));
        }
        if (!withoutSequence.isEmpty()) {
            try {
                eventIds().insertMany(withoutSequence, new InsertManyOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                boolean onlyDuplicates = e.getWriteErrors().stream().allMatch(err -> err.getCode() == 11000);
                if (!onlyDuplicates) {
                    throw e;
                }
            }
        }
    }

    private static String key(EventEnvelope<?> event) {
        return event.source() + "|" + event.subject();
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0L;
    }

    private MongoCollection<Document> sequences() {
        return mongo.getCollection(SEQUENCES);
    }

    private MongoCollection<Document> deadLettered() {
        return mongo.getCollection(DEAD_LETTERED);
    }

    private MongoCollection<Document> eventIds() {
        return mongo.getCollection(EVENT_IDS);
    }
}
