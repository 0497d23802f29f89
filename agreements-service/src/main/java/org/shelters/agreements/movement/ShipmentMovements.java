package org.shelters.agreements.movement;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import jakarta.annotation.PostConstruct;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * The shipments logistics told us about, as plain documents in {@code shipment_movements}: a read
 * model, not an aggregate (it publishes nothing, so it needs neither the outbox nor a version; its
 * {@code revision} guards its writes). The only place that knows their document shape and queries.
 */
@Repository
public class ShipmentMovements {

    public static final String COLLECTION = "shipment_movements";
    private static final String ID = "_id";
    private static final String AGREEMENT_ID = "agreementId";
    private static final String REVISION = "revision";

    private final MongoTemplate mongo;

    public ShipmentMovements(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Behind {@link #movedUnder}, asked by every amendment; creating an existing index is a no-op. */
    @PostConstruct
    void createIndexes() {
        collection().createIndex(Indexes.ascending(AGREEMENT_ID));
    }

    public Optional<ShipmentMovement> find(String shipmentId) {
        return Optional.ofNullable(collection().find(Filters.eq(ID, shipmentId)).first()).map(this::read);
    }

    /** What logistics has moved so far against each commitment line of one agreement. */
    public MovedQuantities movedUnder(String agreementId) {
        List<ShipmentMovement> shipments = new ArrayList<>();
        collection().find(Filters.eq(AGREEMENT_ID, agreementId)).forEach(document -> shipments.add(read(document)));
        return ShipmentMovement.total(shipments);
    }

    /**
     * Stores {@code next} provided the stored document is still {@code previous} (null: none yet),
     * so a concurrent writer (a dead-letter re-drive next to the live consumer) is never overwritten.
     *
     * @throws IllegalStateException when it moved on meanwhile: the consumer retries the event on the new state
     */
    public void save(ShipmentMovement next, ShipmentMovement previous) {
        Document document = new Document();
        mongo.getConverter().write(next, document);
        document.remove("_class");
        document.put(ID, next.shipmentId());
        if (previous == null) {
            insert(document);
            return;
        }
        long matched = collection().replaceOne(Filters.and(Filters.eq(ID, next.shipmentId()),
                Filters.eq(REVISION, previous.revision())), document).getMatchedCount();
        if (matched == 0) {
            throw new IllegalStateException("shipment " + next.shipmentId() + " moved on from revision " + previous.revision());
        }
    }

    private void insert(Document document) {
        try {
            collection().insertOne(document);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            throw new IllegalStateException("shipment " + document.get(ID) + " was recorded concurrently");
        }
    }

    private ShipmentMovement read(Document document) {
        return mongo.getConverter().read(ShipmentMovement.class, document);
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
