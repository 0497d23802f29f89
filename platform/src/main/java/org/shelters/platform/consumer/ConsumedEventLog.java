package org.shelters.platform.consumer;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.shelters.events.EventEnvelope;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The ids of events this service has fully handled; the first line of duplicate detection. */
public class ConsumedEventLog {

    static final String COLLECTION = "consumed_events";

    private final MongoTemplate mongo;

    public ConsumedEventLog(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Set<String> alreadyConsumed(Collection<String> eventIds) {
        Set<String> seen = new HashSet<>();
        if (eventIds.isEmpty()) {
            return seen;
        }
        collection().find(Filters.in("_id", eventIds)).projection(Projections.include("_id"))
                .forEach(d -> seen.add(d.getString("_id")));
        return seen;
    }

    public void markConsumed(List<EventEnvelope<?>> events) {
        if (events.isEmpty()) {
            return;
        }
        Date now = new Date();
        List<Document> documents = new ArrayList<>(events.size());
        for (EventEnvelope<?> event : events) {
            documents.add(new Document("_id", event.id().toString()).append("type", event.type())
                    .append("subject", event.subject()).append("sequence", event.sequence()).append("consumedAt", now));
        }
        try {
            collection().insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            boolean onlyDuplicates = e.getWriteErrors().stream().allMatch(err -> err.getCode() == 11000);
            if (!onlyDuplicates) {
                throw e;
            }
        }
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
