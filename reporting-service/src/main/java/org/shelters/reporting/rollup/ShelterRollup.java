package org.shelters.reporting.rollup;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.reporting.projection.ProjectionDoc;
import org.shelters.reporting.shelters.LatestReport;
import org.shelters.reporting.shelters.MonthTotals;

/**
 * One shelter's read-side document (id: the shelter id): everything a report needs of the shelter
 * but its days, so a list, a total or an alert reads one document per shelter and never a
 * collection of another aggregate. Derived after each batch from the documents the batch wrote
 * ({@link ReadModels}); each group of fields has one writer, and every writer sets only its own
 * fields, so the three topics' consumers never overwrite each other's:
 * <ul>
 *   <li>the profile ({@code name, state, corridor, ..., retired}), from the shelter's document;</li>
 *   <li>{@link #months} and {@link #latest}, from its days (one shelter's days are one partition's);</li>
 *   <li>{@code agreements.<id>} and {@code shipments.<id>}: a copy of each agreement and shipment of the
 *       shelter (without the sequence guard), written by that aggregate's own events; the keys are the
 *       shelter's links to them;</li>
 *   <li>{@link #facets}: what the donor, phase and category filters match, one entry per agreement.</li>
 * </ul>
 * Its {@code lastRecordedTime} is the newest of all of them ({@code $max}): the shelter's asOf.
 * The sequence guard fields stay empty: each field is the copy of a guarded document, so writing it
 * again is harmless.
 */
public class ShelterRollup extends ProjectionDoc {

    /** Month ({@code YYYY-MM}) to its totals. */
    public TreeMap<String, MonthTotals> months = new TreeMap<>();
    public LatestReport latest;
    /** Sorted by agreement id. */
    public List<Facet> facets = new ArrayList<>();

    /** What one agreement lets the shelter match: its donor, phase and commitment categories. */
    public static class Facet {
        public String agreement;
        public String donor;
        public String phase;
        public List<SupplyCategory> categories = new ArrayList<>();

        @Override
        public boolean equals(Object other) {
            return other instanceof Facet f && java.util.Objects.equals(agreement, f.agreement)
                    && java.util.Objects.equals(donor, f.donor) && java.util.Objects.equals(phase, f.phase)
                    && java.util.Objects.equals(categories, f.categories);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(agreement, donor, phase, categories);
        }
    }

    public static ShelterRollup empty(String id) {
        ShelterRollup doc = new ShelterRollup();
        doc.id = id;
        return doc;
    }
}
