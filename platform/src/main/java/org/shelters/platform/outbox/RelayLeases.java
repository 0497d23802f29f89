package org.shelters.platform.outbox;

import com.mongodb.client.model.Filters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.shelters.platform.claim.Claims;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Which relay instance publishes which aggregate collection: one lease document per collection
 * in {@code outbox_leases}, held by one instance at a time and renewed while it relays. N
 * instances of a service share the collections; none publishes what another holds, so an event
 * is not published twice in normal operation. When a holder dies its lease goes stale after
 * {@code leaseFor} and another instance takes the collection over within a sweep; events leave
 * a document only once acknowledged, so per-aggregate order holds across the takeover (a holder
 * paused past its lease may still send once more: consumers dedupe that rare duplicate).
 */
final class RelayLeases {

    static final String COLLECTION = "outbox_leases";

    private final Claims claims;
    private final Clock clock;
    private final Duration leaseFor;
    private final String instance = UUID.randomUUID().toString();
    private final Map<String, Instant> renewedAt = new ConcurrentHashMap<>();

    RelayLeases(MongoTemplate mongo, Clock clock, Duration leaseFor) {
        this.claims = new Claims(mongo.getCollection(COLLECTION), clock);
        this.clock = clock;
        this.leaseFor = leaseFor;
    }

    /**
     * Whether this instance may relay {@code collection} now: it holds a lease renewed less than a
     * third of the lease ago (no store round trip on the hot path), or it renews, claims or takes
     * over a stale lease now.
     */
    boolean holds(String collection) {
        Instant now = clock.instant();
        Instant renewed = renewedAt.get(collection);
        if (renewed != null && renewed.plus(leaseFor.dividedBy(3)).isAfter(now)) {
            return true;
        }
        Document mine = new Document("holder", instance);
        boolean held = (renewed != null && claims.takeOver(collection, Filters.eq("holder", instance), mine))
                || claims.claim(collection, mine)
                || claims.takeOverIfStale(collection, Claims.any(), leaseFor, mine);
        if (held) {
            renewedAt.put(collection, now);
        } else {
            renewedAt.remove(collection);
        }
        return held;
    }

    /** Gives every lease back (a graceful stop), so another instance carries on at once. */
    void releaseAll() {
        renewedAt.keySet().forEach(collection -> claims.release(collection, Filters.eq("holder", instance)));
        renewedAt.clear();
    }

    String instance() {
        return instance;
    }
}
