package org.shelters.platform.outbox;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.List;
import java.util.Optional;
import org.bson.conversions.Bson;
import org.shelters.platform.domain.Decision;
import org.shelters.platform.query.Page;
import org.shelters.platform.query.PageRequest;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The typed repository of one aggregate: one collection, one state class. Subclasses add
 * intention-named queries ({@code endedBefore(date)}, {@code byShelter(id)}) and are the only
 * place that knows the document shape ({@link #field} addresses a state field); services and
 * controllers never see a query string. Writes go through the {@link AggregateStore}, so state
 * and events land in one document update.
 */
public abstract class AggregateRepository<S> {

    private final AggregateStore store;
    private final String collection;
    private final Class<S> type;
    private final String what;

    /**
     * @param what the aggregate's singular name in refusals, e.g. "agreement"
     */
    protected AggregateRepository(AggregateStore store, String collection, Class<S> type, String what) {
        this.store = store;
        this.collection = collection;
        this.type = type;
        this.what = what;
    }

    public Stored<S> create(String id, Decision<S> decision) {
        return store.create(collection, id, decision.state(), decision.events());
    }

    /** @throws ConcurrentUpdateException when someone else wrote since {@code current} was read */
    public Stored<S> update(Stored<S> current, Decision<S> decision) {
        return store.update(collection, current, decision.state(), decision.events());
    }

    public Optional<Stored<S>> find(String id) {
        return store.find(collection, id, type);
    }

    /** @throws AggregateNotFoundException (404) when there is none */
    public Stored<S> get(String id) {
        return find(id).orElseThrow(() -> new AggregateNotFoundException(what, id));
    }

    public String collection() {
        return collection;
    }

    /** A page of aggregates matching {@code filter}, paged in the store. */
    protected Page<Stored<S>> page(Bson filter, Bson sort, PageRequest page) {
        List<Stored<S>> items = store.list(collection, filter, sort, page.offset(), page.size(), type);
        return page.of(items, store.count(collection, filter));
    }

    protected List<Stored<S>> list(Bson filter, Bson sort, int limit) {
        return store.list(collection, filter, sort, 0, limit, type);
    }

    protected long count(Bson filter) {
        return store.count(collection, filter);
    }

    /** The document path of a field of the aggregate's state. */
    protected static String field(String stateField) {
        return AggregateStore.STATE + "." + stateField;
    }

    /** Creates an index on state fields (a no-op when it exists). */
    protected void index(MongoTemplate mongo, String... stateFields) {
        String[] paths = java.util.Arrays.stream(stateFields).map(AggregateRepository::field).toArray(String[]::new);
        mongo.getCollection(collection).createIndex(Indexes.ascending(paths), new IndexOptions());
    }
}
