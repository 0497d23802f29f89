package org.shelters.logistics.shipment;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bson.conversions.Bson;
import org.shelters.platform.outbox.AggregateRepository;
import org.shelters.platform.outbox.AggregateStore;
import org.shelters.platform.outbox.Stored;
import org.shelters.platform.query.Page;
import org.shelters.platform.query.PageRequest;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * The shipments in {@code shipments}, state and outbox in one document per shipment (see
 * {@link AggregateRepository}). The only place that knows how a shipment is stored and queried.
 */
@Repository
public class ShipmentRepository extends AggregateRepository<Shipment> {

    public static final String COLLECTION = "shipments";

    private static final String AGREEMENT_ID = field("agreementId");
    private static final String STATUS = field("status");
    private static final Bson OLDEST_FIRST = Sorts.ascending("_id");
    private static final Bson NEWEST_PLANNED_FIRST = Sorts.orderBy(Sorts.descending(field("plannedDate")),
            Sorts.ascending("_id"));
    /** An agreement has a bounded number of shipments; "all of them" needs no page. */
    private static final int ALL = Integer.MAX_VALUE;

    public ShipmentRepository(AggregateStore store, MongoTemplate mongo) {
        super(store, COLLECTION, Shipment.class, "shipment");
        try {
            // by agreement (outstanding quantities, the reaction to a stopped agreement), by shelter and
            // planned date (the list), and the follow-up gauge
            index(mongo, "agreementId", "status");
            index(mongo, "shelterId", "plannedDate");
            index(mongo, "followUp");
        } catch (RuntimeException e) {
            // queries still work without them, only slower: do not keep the service from starting
            LoggerFactory.getLogger(ShipmentRepository.class).warn("could not create the shipment indexes: {}", e.toString());
        }
    }

    /** Every shipment of an agreement, whatever its status (what outstanding quantities are computed from). */
    public List<Shipment> ofAgreement(String agreementId) {
        return list(Filters.eq(AGREEMENT_ID, agreementId), OLDEST_FIRST, ALL).stream().map(Stored::state).toList();
    }

    /** The agreement's planned and dispatched shipments: those an agreement that stops acts on. */
    public List<Stored<Shipment>> openOf(String agreementId) {
        List<String> open = Arrays.stream(ShipmentStatus.values()).filter(ShipmentStatus::open)
                .map(Enum::name).toList();
        return list(Filters.and(Filters.eq(AGREEMENT_ID, agreementId), Filters.in(STATUS, open)), OLDEST_FIRST, ALL);
    }

    /** How many shipments are flagged for follow-up now. */
    public long countFlaggedForFollowUp() {
        return count(Filters.eq(field("followUp"), true));
    }

    /** One page of the shipments matching {@code filter}, newest planned date first. */
    public Page<Stored<Shipment>> search(ShipmentFilter filter, PageRequest page) {
        return page(toBson(filter), NEWEST_PLANNED_FIRST, page);
    }

    private static Bson toBson(ShipmentFilter filter) {
        List<Bson> conditions = new ArrayList<>();
        if (filter.agreementId() != null) {
            conditions.add(Filters.eq(AGREEMENT_ID, filter.agreementId()));
        }
        if (filter.shelterId() != null) {
            conditions.add(Filters.eq(field("shelterId"), filter.shelterId()));
        }
        if (filter.withinShelters() != null) {
            conditions.add(Filters.in(field("shelterId"), filter.withinShelters()));
        }
        if (filter.status() != null) {
            conditions.add(Filters.eq(STATUS, filter.status().name()));
        }
        if (filter.followUp() != null) {
            conditions.add(Filters.eq(field("followUp"), filter.followUp()));
        }
        if (filter.plannedFrom() != null) {
            conditions.add(Filters.gte(field("plannedDate"), filter.plannedFrom()));
        }
        if (filter.plannedTo() != null) {
            conditions.add(Filters.lte(field("plannedDate"), filter.plannedTo()));
        }
        return conditions.isEmpty() ? Filters.empty() : Filters.and(conditions);
    }
}
