package org.shelters.reporting.rollup;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.shelters.reporting.agreements.AgreementDoc;
import org.shelters.reporting.agreements.AgreementFold;
import org.shelters.reporting.projection.ProjectionStore;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.Scope;
import org.shelters.reporting.shelters.ShelterDoc;
import org.shelters.reporting.shipments.ShipmentDoc;
import org.springframework.stereotype.Component;

/**
 * The queries over the read-side documents: by id (one shelter, a page, a scope) or by the
 * filter's fields in the store ({@link #where}); nothing here reads another aggregate's collection.
 */
@Component
public class RollupReads {

    /** One shelter as its rollup holds it: the profile, every agreement and shipment of it, months and latest report. */
    public record Shelter(ShelterDoc shelter, List<AgreementDoc> agreements, List<ShipmentDoc> shipments,
                          Instant lastRecordedTime) {
    }

    private final ProjectionStore store;

    public RollupReads(ProjectionStore store) {
        this.store = store;
    }

    /**
     * The store's filter for the shelters a scope may read that pass {@code filter}: not retired,
     * state and corridor as fields, donor, phase and category as one agreement's facet. Null when
     * the scope reads nothing.
     */
    public static Bson where(Scope scope, ReportFilter filter) {
        List<Bson> and = new ArrayList<>();
        if (!scope.all()) {
            if (scope.shelters().isEmpty()) {
                return null;
            }
            and.add(Filters.in("_id", scope.shelters()));
        }
        and.add(Filters.ne("retired", true));
        if (filter.state() != null) {
            and.add(Filters.eq("state", filter.state()));
        }
        if (filter.corridor() != null) {
            and.add(Filters.eq("corridor", filter.corridor().name()));
        }
        List<Bson> facet = new ArrayList<>();
        if (filter.donor() != null) {
            facet.add(Filters.eq("donor", filter.donor()));
        }
        if (filter.phase() != null) {
            facet.add(Filters.eq("phase", filter.phase()));
        }
        if (filter.category() != null) {
            facet.add(Filters.eq("categories", filter.category().name()));
        }
        if (!facet.isEmpty()) {
            and.add(Filters.elemMatch("facets", Filters.and(facet)));
        }
        return Filters.and(and);
    }

    /** The rollups matching {@code where} (null: none). */
    public List<Shelter> find(int generation, Bson where) {
        if (where == null) {
            return List.of();
        }
        // the facets are for the store's filter only
        return store.find(ReadModels.ROLLUPS, generation, where, Projections.exclude("facets"), 0, 0).stream()
                .map(this::shelter).toList();
    }

    /** The rollups of these shelters. */
    public List<Shelter> byIds(int generation, Collection<String> shelterIds) {
        if (shelterIds.isEmpty()) {
            return List.of();
        }
        return find(generation, Filters.in("_id", shelterIds));
    }

    /** The ids matching {@code where}, in id order, one page of them ({@code limit} 0: all). */
    public List<String> ids(int generation, Bson where, int skip, int limit) {
        if (where == null) {
            return List.of();
        }
        return store.find(ReadModels.ROLLUPS, generation, where, Projections.include("_id"), skip, limit == 0 ? 0 : limit)
                .stream().map(d -> d.getString("_id")).toList();
    }

    public long count(int generation, Bson where) {
        return where == null ? 0 : store.count(ReadModels.ROLLUPS, generation, where);
    }

    /** The month documents of these ids ({@code shelterId|YYYY-MM}). */
    public Map<String, ArrivalsMonth> months(int generation, Collection<String> ids) {
        return store.load(ReadModels.MONTHS, generation, ids);
    }

    /** The newest recordedtime of the whole programme. */
    public Instant programmeAsOf(int generation) {
        return newest(store.find(ReadModels.PROGRAMME, generation, Filters.eq("_id", ProgrammeRollup.ID),
                Projections.include("lastRecordedTime"), 0, 0));
    }

    /** The newest recordedtime of these shelters' documents. */
    public Instant asOf(int generation, Collection<String> shelterIds) {
        if (shelterIds.isEmpty()) {
            return null;
        }
        return newest(store.find(ReadModels.ROLLUPS, generation, Filters.in("_id", shelterIds),
                Projections.include("lastRecordedTime"), 0, 0));
    }

    public Optional<AgreementDoc> agreement(int generation, String agreementId) {
        return Optional.ofNullable(store.load(AgreementFold.AGREEMENTS, generation, List.of(agreementId)).get(agreementId));
    }

    private static Instant newest(List<Document> docs) {
        return docs.stream().map(d -> d.get("lastRecordedTime")).filter(Date.class::isInstance)
                .map(d -> ((Date) d).toInstant()).max(Instant::compareTo).orElse(null);
    }

    /** Decoded field by field ({@link Copies}): a report over every shelter decodes one rollup per shelter. */
    private Shelter shelter(Document rollup) {
        ShelterDoc shelter = Copies.profile(rollup, retired -> store.read(ShelterDoc.Retirement.class, retired));
        shelter.months = Copies.months(rollup);
        shelter.latest = Copies.latest(rollup);
        List<AgreementDoc> agreements = new ArrayList<>();
        Document copies = rollup.get("agreements", Document.class);
        if (copies != null) {
            copies.values().forEach(a -> agreements.add(Copies.agreement((Document) a)));
        }
        List<ShipmentDoc> shipments = new ArrayList<>();
        Document shipped = rollup.get("shipments", Document.class);
        if (shipped != null) {
            shipped.values().forEach(s -> shipments.add(Copies.shipment((Document) s)));
        }
        Date recorded = rollup.getDate("lastRecordedTime");
        return new Shelter(shelter, agreements, shipments, recorded == null ? null : recorded.toInstant());
    }
}
