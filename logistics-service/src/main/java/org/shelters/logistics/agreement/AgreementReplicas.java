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
 * The replicas as plain documents in {@code agreement_replicas}: not aggregates, because they
 * publish no events, so they need neither the outbox nor a version; their {@code revision} is
 * their write guard instead. The only place that knows their document shape.
 */
@Repository
public class AgreementReplicas {

    public static final String COLLECTION = "agreement_replicas";
    private static final String ID = "_id";
    private static final String SEQUENCE = "sequence";
    private static final String REVISION = "revision";
    private static final String UPDATED_AT = "updatedAt";

    private final MongoTemplate mongo;
    private final Clock clock;

    public AgreementReplicas(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public Optional<AgreementReplica> find(String agreementId) {
        Document document = collection().find(Filters.eq(ID, agreementId)).first();
        return Optional.ofNullable(document).map(d -> mongo.getConverter().read(AgreementReplica.class, d));
    }

    /**
     * Stores {@code next} provided the stored replica is still {@code previous} (null: none yet), so
     * a concurrent writer cannot be overwritten silently. The guard is the replica's {@code revision}
     * (and its {@code sequence}): a late event changes the replica without raising its sequence.
     *
     * @throws IllegalStateException when the replica moved on meanwhile (the consumer retries the event)
     */
    public void save(AgreementReplica next, AgreementReplica previous) {
        Document fields = new Document();
        mongo.getConverter().write(next, fields);
        fields.remove("_class");
        fields.remove(ID);
        fields.append(UPDATED_AT, Date.from(clock.instant()));
        if (previous == null) {
            insert(next.agreementId(), fields);
            return;
        }
        List<Bson> sets = new ArrayList<>();
        fields.forEach((key, value) -> sets.add(Updates.set(key, value)));
        long matched = collection().updateOne(Filters.and(Filters.eq(ID, next.agreementId()),
                Filters.eq(SEQUENCE, previous.sequence()), revisionIs(previous.revision())), Updates.combine(sets))
                .getMatchedCount();
        if (matched == 0) {
            throw new IllegalStateException("replica " + next.agreementId() + " moved on from sequence "
                    + previous.sequence() + ", revision " + previous.revision());
        }
    }

    /** A replica stored before revisions were kept has none: it reads as revision 0. */
    private static Bson revisionIs(long revision) {
        return revision == 0 ? Filters.or(Filters.eq(REVISION, 0L), Filters.exists(REVISION, false))
                : Filters.eq(REVISION, revision);
    }

    private void insert(String agreementId, Document fields) {
        Document document = new Document(ID, agreementId);
        fields.forEach(document::append);
        try {
            collection().insertOne(document);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            throw new IllegalStateException("replica " + agreementId + " was created concurrently");
        }
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
