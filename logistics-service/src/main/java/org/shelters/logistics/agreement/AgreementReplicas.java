package org.shelters.logistics.agreement;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
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

    /** A replica as read, with the planning guard value seen. */
    public record Read(AgreementReplica replica, long planningGuard) {
    }

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
        return Optional.of(new Read(replica, guard instanceof Number n ? n.longValue() : 0L));
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

    /** Compare-and-set on the planning guard; false when another plan got there first. */
    public boolean claimPlanning(String agreementId, long guardSeen) {
        return collection().updateOne(Filters.and(Filters.eq("_id", agreementId), Filters.eq("planningGuard", guardSeen)),
                Updates.inc("planningGuard", 1L)).getModifiedCount() == 1;
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
