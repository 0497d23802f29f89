package org.shelters.logistics.agreement;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * The replicas as plain documents in {@code agreement_replicas} (not aggregates: they publish no
 * events). Besides the replica fields each document has {@code planningGuard}, a counter that a
 * plan command moves on with a compare-and-set so that two plans for one agreement cannot both
 * spend the same outstanding quantity.
 */
@Repository
public class AgreementReplicas {

    public static final String COLLECTION = "agreement_replicas";

    /** A replica as read, with the planning guard value seen and since when an odd guard is held. */
    public record Read(AgreementReplica replica, long planningGuard, Instant planningSince) {
    }

    /** How long a plan may hold the guard before another plan may take it over (the holder died). */
    static final Duration PLANNING_LEASE = Duration.ofSeconds(30);

    private final MongoTemplate mongo;
    private final Clock clock;

    public AgreementReplicas(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public Optional<Read> find(String agreementId) {
        Document document = collection().find(Filters.eq("_id", agreementId)).first();
        if (document == null) {
            return Optional.empty();
        }
        AgreementReplica replica = mongo.getConverter().read(AgreementReplica.class, document);
        Object guard = document.get("planningGuard");
        Date since = document.getDate("planningSince");
        return Optional.of(new Read(replica, guard instanceof Number n ? n.longValue() : 0L,
                since == null ? null : since.toInstant()));
    }

    /**
     * Stores {@code next} provided the stored replica is still at {@code previousSequence} (0: none
     * yet), so a concurrent writer cannot be overwritten silently.
     *
     * @throws IllegalStateException when the replica moved on meanwhile (the consumer retries)
     */
    public void save(AgreementReplica next, long previousSequence) {
        Document fields = new Document();
        mongo.getConverter().write(next, fields);
        fields.remove("_class");
        fields.remove("_id");
        List<Bson> sets = new ArrayList<>();
        fields.forEach((key, value) -> sets.add(Updates.set(key, value)));
        sets.add(Updates.set("updatedAt", Date.from(clock.instant())));
        if (previousSequence == 0) {
            Document existing = collection().find(Filters.eq("_id", next.agreementId())).first();
            if (existing == null) {
                Document document = new Document("_id", next.agreementId()).append("planningGuard", 0L);
                fields.forEach(document::append);
                document.append("updatedAt", Date.from(clock.instant()));
                try {
                    collection().insertOne(document);
                    return;
                } catch (MongoWriteException e) {
                    if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    throw new IllegalStateException("replica " + next.agreementId() + " was created concurrently");
                }
            }
        }
        long matched = collection().updateOne(Filters.and(Filters.eq("_id", next.agreementId()),
                Filters.eq("sequence", previousSequence)), Updates.combine(sets)).getMatchedCount();
        if (matched == 0) {
            throw new IllegalStateException("replica " + next.agreementId() + " moved on from sequence " + previousSequence);
        }
    }

    /**
     * Claims the right to plan against this agreement with a compare-and-set on the planning guard:
     * an even guard (nobody planning) becomes odd; an odd guard means another plan is between its
     * check and its write, so this one is refused, unless that plan's lease expired (it died), in
     * which case it is taken over. The plan must {@link #releasePlanning release} the guard once its
     * shipment is stored, so that a plan which reads the agreement while another is in flight cannot
     * miss the other's shipment when it computes the outstanding quantities.
     *
     * @return the guard value claimed, empty when another plan holds or moved the guard
     */
    public OptionalLong claimPlanning(String agreementId, Read seen) {
        long guard = seen.planningGuard();
        Instant now = clock.instant();
        long next;
        if (guard % 2 == 0) {
            next = guard + 1;
        } else if (seen.planningSince() == null || seen.planningSince().plus(PLANNING_LEASE).isBefore(now)) {
            next = guard + 2;
        } else {
            return OptionalLong.empty();
        }
        boolean claimed = collection().updateOne(Filters.and(Filters.eq("_id", agreementId), Filters.eq("planningGuard", guard)),
                Updates.combine(Updates.set("planningGuard", next), Updates.set("planningSince", Date.from(now))))
                .getModifiedCount() == 1;
        return claimed ? OptionalLong.of(next) : OptionalLong.empty();
    }

    /** Gives the guard back (even again) after the plan stored its shipment or failed; a no-op if it was taken over. */
    public void releasePlanning(String agreementId, long claimed) {
        collection().updateOne(Filters.and(Filters.eq("_id", agreementId), Filters.eq("planningGuard", claimed)),
                Updates.set("planningGuard", claimed + 1));
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
