package org.shelters.platform.claim;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Single-document claims in one MongoDB collection, for rules that need "only one at a time"
 * without transactions (the signing slot, an Idempotency-Key, a planning lease). A claim is a
 * document {@code {_id: key, claimedAt, ...fields}}: the unique {@code _id} makes two claimants
 * race on one insert, so exactly one wins; taking a claim over is a compare-and-set on what the
 * taker saw, so two takers cannot both win.
 */
public final class Claims {

    public static final String CLAIMED_AT = "claimedAt";

    private final MongoCollection<Document> collection;
    private final Clock clock;

    public Claims(MongoCollection<Document> collection, Clock clock) {
        this.collection = collection;
        this.clock = clock;
    }

    /** @return true when this call created the claim; false when {@code key} is already claimed */
    public boolean claim(String key, Document fields) {
        Document document = new Document("_id", key).append(CLAIMED_AT, Date.from(clock.instant()));
        fields.forEach(document::append);
        try {
            collection.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** The current claim on {@code key}, if any. */
    public Optional<Document> holder(String key) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", key)).first());
    }

    /**
     * Takes the claim over provided it still matches {@code expected} (what the taker saw), and
     * sets {@code fields} with a fresh {@code claimedAt}.
     */
    public boolean takeOver(String key, Bson expected, Document fields) {
        List<Bson> sets = new ArrayList<>();
        sets.add(Updates.set(CLAIMED_AT, Date.from(clock.instant())));
        fields.forEach((name, value) -> sets.add(Updates.set(name, value)));
        return collection.updateOne(Filters.and(Filters.eq("_id", key), expected), Updates.combine(sets))
                .getModifiedCount() == 1;
    }

    /** Takes the claim over only if it matches {@code expected} and was claimed longer than {@code staleAfter} ago. */
    public boolean takeOverIfStale(String key, Bson expected, Duration staleAfter, Document fields) {
        Date staleBefore = Date.from(clock.instant().minus(staleAfter));
        return takeOver(key, Filters.and(expected, Filters.lt(CLAIMED_AT, staleBefore)), fields);
    }

    /** True when a claim document was claimed more than {@code age} ago. */
    public boolean olderThan(Document claim, Duration age) {
        Date claimedAt = claim.getDate(CLAIMED_AT);
        return claimedAt != null && claimedAt.toInstant().plus(age).isBefore(clock.instant());
    }

    /** Sets fields on a claim still matching {@code expected} (e.g. recording a result). */
    public boolean update(String key, Bson expected, Bson update) {
        return collection.updateOne(Filters.and(Filters.eq("_id", key), expected), update).getMatchedCount() == 1;
    }

    /** Frees the claim if it still matches {@code expected}; harmless otherwise. */
    public void release(String key, Bson expected) {
        collection.deleteOne(Filters.and(Filters.eq("_id", key), expected));
    }

    /** Matches any claim (for release or take-over without a condition). */
    public static Bson any() {
        return Filters.exists("_id");
    }
}
