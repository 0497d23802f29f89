package org.shelters.agreements.shelter;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import jakarta.annotation.PostConstruct;
import java.util.ArrayList;
import java.util.List;
import org.bson.conversions.Bson;
import org.shelters.events.shelters.Corridor;
import org.shelters.platform.outbox.AggregateRepository;
import org.shelters.platform.outbox.AggregateStore;
import org.shelters.platform.outbox.Stored;
import org.shelters.platform.query.Page;
import org.shelters.platform.query.PageRequest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The shelters collection: the only place that knows how a shelter document is queried, and the index behind it. */
@Component
public class ShelterRepository extends AggregateRepository<Shelter> {

    static final String COLLECTION = "shelters";

    /** A shelter in the registry has no {@code retirement} (the store leaves null fields out). */
    private static final Bson NOT_RETIRED = Filters.eq(field("retirement"), null);

    private final MongoTemplate mongo;

    public ShelterRepository(AggregateStore store, MongoTemplate mongo) {
        super(store, COLLECTION, Shelter.class, "shelter");
        this.mongo = mongo;
    }

    /** The index behind the list filters; creating an existing index is a no-op. */
    @PostConstruct
    void createIndexes() {
        index(mongo, "state", "corridor");
    }

    /**
     * Shelters in {@code scope}, in {@code state} (ISO 3166-2:MX) and {@code corridor}, each filter only
     * when given, by name; retired shelters only when {@code includeRetired}.
     */
    public Page<Stored<Shelter>> page(ShelterScope scope, String state, Corridor corridor, boolean includeRetired,
                                      PageRequest page) {
        List<Bson> filters = new ArrayList<>();
        if (!scope.isEvery()) {
            filters.add(Filters.in("_id", scope.shelterIds()));
        }
        if (!includeRetired) {
            filters.add(NOT_RETIRED);
        }
        if (state != null && !state.isBlank()) {
            filters.add(Filters.eq(field("state"), state));
        }
        if (corridor != null) {
            filters.add(Filters.eq(field("corridor"), corridor.name()));
        }
        return page(filters.isEmpty() ? Filters.empty() : Filters.and(filters), Sorts.ascending(field("name"), "_id"), page);
    }
}
