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

    private final MongoTemplate mongo;

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
        return duplicates;
    }

    /** Records {@code events} as handled (they must have been applied first). */
    public void markConsumed(List<? extends EventEnvelope<?>> events) {
        if (events.isEmpty()) {
            return;
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

    private MongoCollection<Document> eventIds() {
        return mongo.getCollection(EVENT_IDS);
    }
}
