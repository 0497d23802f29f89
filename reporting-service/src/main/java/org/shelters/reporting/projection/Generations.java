package org.shelters.reporting.projection;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Which set of projection collections is live. Queries and the live handler read the
 * {@code active_generation} pointer; a rebuild fills the next generation and moves the pointer
 * while holding {@link #writeLock()}, so no live batch is half applied to the old set.
 */
@Component
public class Generations {

    static final String META = "report_meta";
    private static final String POINTER = "active_generation";

    private final MongoTemplate mongo;
    private final AtomicInteger active = new AtomicInteger();
    private final ReentrantLock writeLock = new ReentrantLock();

    public Generations(MongoTemplate mongo) {
        this.mongo = mongo;
        Document pointer = mongo.getCollection(META).find(Filters.eq("_id", POINTER)).first();
        active.set(pointer == null ? 1 : pointer.getInteger("generation", 1));
    }

    public int active() {
        return active.get();
    }

    public ReentrantLock writeLock() {
        return writeLock;
    }

    /** Call with {@link #writeLock()} held. */
    public void activate(int generation) {
        mongo.getCollection(META).replaceOne(Filters.eq("_id", POINTER),
                new Document("_id", POINTER).append("generation", generation), new ReplaceOptions().upsert(true));
        active.set(generation);
    }
}
