package org.shelters.agreements.agreement;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import jakarta.annotation.PostConstruct;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.conversions.Bson;
import org.shelters.agreements.shelter.ShelterAgreements;
import org.shelters.agreements.shelter.ShelterScope;
import org.shelters.platform.outbox.AggregateRepository;
import org.shelters.platform.outbox.AggregateStore;
import org.shelters.platform.outbox.Stored;
import org.shelters.platform.query.Page;
import org.shelters.platform.query.PageRequest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The agreements collection: the only place that knows how an agreement document is queried, and
 * the indexes behind those queries.
 */
@Component
public class AgreementRepository extends AggregateRepository<Agreement> implements ShelterAgreements {

    static final String COLLECTION = "agreements";
    /** More than any shelter has; a refusal naming them needs no more. */
    private static final int MAX_IN_FORCE_LISTED = 100;

    private final MongoTemplate mongo;

    public AgreementRepository(AggregateStore store, MongoTemplate mongo) {
        super(store, COLLECTION, Agreement.class, "agreement");
        this.mongo = mongo;
    }

    /** Indexes behind the list filters, the expiry scan and the status gauge; creating an existing index is a no-op. */
    @PostConstruct
    void createIndexes() {
        index(mongo, "shelterId");
        index(mongo, "status", "terms.period.end");
        index(mongo, "shelterState");
        index(mongo, "programmeCode");
    }

    /**
     * Agreements of the shelters in {@code scope} matching every filter given (a null or blank filter
     * matches all), oldest first.
     *
     * @param shelterState the shelter's ISO 3166-2:MX code when the agreement was drafted
     */
    public Page<Stored<Agreement>> page(ShelterScope scope, String shelterId, String shelterState, AgreementStatus status,
                                        String programmeCode, PageRequest page) {
        List<Bson> filters = new ArrayList<>();
        if (!scope.isEvery()) {
            filters.add(Filters.in(field("shelterId"), scope.shelterIds()));
        }
        if (shelterId != null && !shelterId.isBlank()) {
            filters.add(Filters.eq(field("shelterId"), shelterId));
        }
        if (shelterState != null && !shelterState.isBlank()) {
            filters.add(Filters.eq(field("shelterState"), shelterState));
        }
        if (status != null) {
            filters.add(Filters.eq(field("status"), status.name()));
        }
        if (programmeCode != null && !programmeCode.isBlank()) {
            filters.add(Filters.eq(field("programmeCode"), programmeCode));
        }
        return page(filters.isEmpty() ? Filters.empty() : Filters.and(filters), Sorts.ascending("createdAt", "_id"), page);
    }

    /** Up to {@code limit} agreements still in force whose period ended before {@code today} (the expiry's work). */
    public List<Stored<Agreement>> endedBefore(LocalDate today, int limit) {
        Bson filter = Filters.and(
                Filters.in(field("status"), AgreementStatus.SIGNED.name(), AgreementStatus.SUSPENDED.name()),
                Filters.lt(field("terms.period.end"), today));
        return list(filter, Sorts.ascending("_id"), limit);
    }

    /** Through the {@code shelterId} index. */
    @Override
    public List<String> inForce(String shelterId) {
        Bson filter = Filters.and(Filters.eq(field("shelterId"), shelterId),
                Filters.in(field("status"), AgreementStatus.SIGNED.name(), AgreementStatus.SUSPENDED.name()));
        return list(filter, Sorts.ascending("createdAt", "_id"), MAX_IN_FORCE_LISTED).stream().map(Stored::id).toList();
    }

    public long countWithStatus(AgreementStatus status) {
        return count(Filters.eq(field("status"), status.name()));
    }

    /** The current status of an agreement, empty when there is none. */
    public Optional<AgreementStatus> statusOf(String agreementId) {
        return find(agreementId).map(stored -> stored.state().status());
    }
}
