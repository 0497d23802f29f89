package org.shelters.platform.outbox;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.shelters.events.EventMetadata;
import org.shelters.events.EventPayload;
import org.shelters.events.Events;
import org.shelters.platform.context.CommandContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Stores aggregates and the events they caused in ONE single-document write: the new state,
 * the bumped version and the pending events ({@code outbox}) go in together, guarded by the
 * version read before. No multi-document transaction is needed, so this runs on any
 * MongoDB-compatible store. The {@link OutboxRelay} publishes the pending events afterwards.
 *
 * <p>Document shape: {@code {_id, version, sequence, state: {...}, outbox: [...], createdAt, updatedAt}}.
 * Queries on the aggregate's fields use the {@code state.} prefix.
 */
public class AggregateStore {

    /** The field that holds the aggregate's state in its document. */
    public static final String STATE = "state";

    private final MongoTemplate mongo;
    private final OutboxRelay relay;
    private final String source;
    private final Clock clock;

    public AggregateStore(MongoTemplate mongo, OutboxRelay relay, String source, Clock clock) {
        this.mongo = mongo;
        this.relay = relay;
        this.source = source;
        this.clock = clock;
    }

    public <S> Stored<S> create(String collection, String id, S state, List<? extends EventPayload> events) {
        return create(collection, id, state, events, CommandContext.metadata());
    }

    public <S> Stored<S> create(String collection, String id, S state, List<? extends EventPayload> events,
                                EventMetadata metadata) {
        relay.register(collection);
        Instant now = clock.instant();
        List<Document> outbox = outboxEntries(events, 0, metadata, now);
        Document document = new Document("_id", id)
                .append("version", 1L)
                .append("sequence", (long) events.size())
                .append("state", toDocument(state))
                .append("outbox", outbox)
                .append("createdAt", Date.from(now))
                .append("updatedAt", Date.from(now));
        try {
            collection(collection).insertOne(document);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new AggregateAlreadyExistsException(collection, id);
            }
            throw e;
        }
        relay.wake();
        return new Stored<>(id, 1L, events.size(), state);
    }

    /**
     * Replaces the state of {@code current} and appends its events, provided nobody changed the
     * aggregate since {@code current} was read.
     *
     * @throws ConcurrentUpdateException when the version moved on
     * @throws AggregateNotFoundException when the aggregate is gone
     */
    public <S> Stored<S> update(String collection, Stored<S> current, S newState, List<? extends EventPayload> events) {
        return update(collection, current, newState, events, CommandContext.metadata());
    }

    public <S> Stored<S> update(String collection, Stored<S> current, S newState, List<? extends EventPayload> events,
                                EventMetadata metadata) {
        relay.register(collection);
        Instant now = clock.instant();
        List<Document> outbox = outboxEntries(events, current.sequence(), metadata, now);
        long nextVersion = current.version() + 1;
        long nextSequence = current.sequence() + events.size();
        List<Bson> changes = new ArrayList<>(List.of(
                Updates.set("state", toDocument(newState)),
                Updates.set("version", nextVersion),
                Updates.set("sequence", nextSequence),
                Updates.set("updatedAt", Date.from(now))));
        if (!outbox.isEmpty()) {
            changes.add(Updates.pushEach("outbox", outbox));
        }
        UpdateResult result = collection(collection).updateOne(
                Filters.and(Filters.eq("_id", current.id()), Filters.eq("version", current.version())),
                Updates.combine(changes));
        if (result.getMatchedCount() == 0) {
            if (collection(collection).countDocuments(Filters.eq("_id", current.id())) == 0) {
                throw new AggregateNotFoundException(collection, current.id());
            }
            throw new ConcurrentUpdateException(collection, current.id(), current.version());
        }
        if (!outbox.isEmpty()) {
            relay.wake();
        }
        return new Stored<>(current.id(), nextVersion, nextSequence, newState);
    }

    public <S> Optional<Stored<S>> find(String collection, String id, Class<S> type) {
        Document document = collection(collection).find(Filters.eq("_id", id)).projection(new Document("outbox", 0)).first();
        return Optional.ofNullable(document).map(d -> toStored(d, type));
    }

    public <S> Stored<S> get(String collection, String id, Class<S> type) {
        return find(collection, id, type).orElseThrow(() -> new AggregateNotFoundException(collection, id));
    }

    /** A page of aggregates; filter and sort address fields as {@code state.<field>}. */
    public <S> List<Stored<S>> list(String collection, Bson filter, Bson sort, int skip, int limit, Class<S> type) {
        List<Stored<S>> page = new ArrayList<>();
        collection(collection).find(filter).projection(new Document("outbox", 0)).sort(sort).skip(skip).limit(limit)
                .forEach(d -> page.add(toStored(d, type)));
        return page;
    }

    public long count(String collection, Bson filter) {
        return collection(collection).countDocuments(filter);
    }

    private List<Document> outboxEntries(List<? extends EventPayload> events, long sequenceBefore, EventMetadata metadata,
                                         Instant now) {
        List<Document> entries = new ArrayList<>(events.size());
        if (metadata.actorId() == null) {
            // no caller and no causing event: a scheduled job of this service did it
            metadata = metadata.withActor("system:" + source.replaceFirst("^/", ""), EventMetadata.SYSTEM_ROLE);
        }
        long sequence = sequenceBefore;
        for (EventPayload payload : events) {
            sequence++;
            entries.add(OutboxEntry.of(Events.envelope(source, payload, sequence, metadata, now, now)).toDocument());
        }
        return entries;
    }

    private <S> Stored<S> toStored(Document document, Class<S> type) {
        S state = mongo.getConverter().read(type, document.get("state", Document.class));
        return new Stored<>(document.getString("_id"), number(document, "version"), number(document, "sequence"), state);
    }

    private static long number(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Number n ? n.longValue() : 0L;
    }

    private Document toDocument(Object state) {
        Document document = new Document();
        mongo.getConverter().write(state, document);
        document.remove("_class");
        return document;
    }

    private MongoCollection<Document> collection(String name) {
        return mongo.getCollection(name);
    }
}
