package org.shelters.reporting.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import jakarta.annotation.PostConstruct;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.shelters.platform.query.Page;
import org.shelters.platform.query.PageRequest;
import org.shelters.reporting.read.KnownAt;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit trail of agreements and shipments in its own collection, {@code audit_trail}, one
 * document per event ({@code _id} = event id, so recording an event again changes nothing),
 * indexed by aggregate and sequence for the oldest-first pages operations read.
 *
 * <p>It lives outside the projection generations: it only ever grows, a rebuild has nothing to
 * recompute in it, and so nothing a rebuild does can lose it. A rebuild still replays every event
 * into it ({@code RebuildService}), which changes nothing that is there and fills in what was
 * never recorded (events from before the trail existed).
 */
@Component
public class AuditTrail {

    static final String COLLECTION = "audit_trail";
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoTemplate mongo;

    public AuditTrail(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Behind every page read; creating an existing index is a no-op. */
    @PostConstruct
    void createIndexes() {
        collection().createIndex(Indexes.ascending("aggregate", "aggregateId", "sequence"));
    }

    /** Records each entry once: an entry already there (the same event id) is left as it is. */
    public void record(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(entries.size());
        for (AuditEntry e : entries) {
            writes.add(new UpdateOneModel<>(Filters.eq("_id", e.eventId()), Updates.combine(
                    Updates.setOnInsert("aggregate", e.aggregate()),
                    Updates.setOnInsert("aggregateId", e.aggregateId()),
                    Updates.setOnInsert("sequence", e.sequence()),
                    Updates.setOnInsert("type", e.type()),
                    Updates.setOnInsert("time", date(e.time())),
                    Updates.setOnInsert("recordedTime", date(e.recordedTime())),
                    Updates.setOnInsert("actorId", e.actorId()),
                    Updates.setOnInsert("actorRole", e.actorRole()),
                    Updates.setOnInsert("correlationId", e.correlationId()),
                    Updates.setOnInsert("causationId", e.causationId())), UPSERT));
        }
        collection().bulkWrite(writes, UNORDERED);
    }

    /**
     * One aggregate's entries, oldest first (by its sequence), paged in the store; for a request
     * asked {@code ?knownAt=}, only those recorded by then.
     */
    public Page<AuditEntry> page(String aggregate, String aggregateId, PageRequest request) {
        Bson filter = Filters.and(Filters.eq("aggregate", aggregate), Filters.eq("aggregateId", aggregateId));
        var knownAt = KnownAt.current();
        if (knownAt.isPresent()) {
            Date instant = Date.from(knownAt.get().instant());
            // as the replay: an entry without a recorded time counts from the time it happened
            filter = Filters.and(filter, Filters.or(Filters.lte("recordedTime", instant),
                    Filters.and(Filters.eq("recordedTime", null), Filters.lte("time", instant))));
        }
        long total = collection().countDocuments(filter);
        List<AuditEntry> items = new ArrayList<>();
        if (total > request.offset()) {
            collection().find(filter).sort(Sorts.ascending("sequence", "recordedTime")).skip(request.offset())
                    .limit(request.size()).forEach(d -> items.add(read(d)));
        }
        return request.of(items, total);
    }

    private static AuditEntry read(Document d) {
        Number sequence = d.get("sequence", Number.class);
        return new AuditEntry(d.getString("_id"), d.getString("aggregate"), d.getString("aggregateId"),
                sequence == null ? 0 : sequence.longValue(), d.getString("type"), instant(d.getDate("time")),
                instant(d.getDate("recordedTime")), d.getString("actorId"), d.getString("actorRole"),
                d.getString("correlationId"), d.getString("causationId"));
    }

    private static Date date(java.time.Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static java.time.Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
