package org.shelters.reporting.export;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.shelters.reporting.read.ReportFilter;
import org.shelters.reporting.read.ReportReader;
import org.shelters.reporting.read.ReportSnapshot;
import org.shelters.reporting.read.Scope;
import org.shelters.reporting.shelters.ShelterDoc;

/**
 * Where an export reads its shelters: first the ids in row order (state name, municipality and
 * shelter name as Spanish sorts them, {@link ExportRules#byPlace()}), cut into batches, then one
 * batch at a time with all its documents. An export holds the ids and one batch, never the
 * programme ({@link StoredShelterBatches}).
 */
public interface ShelterBatches {

    /**
     * The ids of the shelters in {@code scope} an export may list, in row order, in batches.
     *
     * @param narrow whether ids that cannot pass {@code filter} may be left out here already (by
     *               state, corridor, donor, phase or category); false: every shelter of the scope,
     *               for a file that says when the newest of their documents was recorded (IATI)
     */
    List<List<String>> order(ReportReader.Pinned pinned, Scope scope, ReportFilter filter, boolean narrow);

    /** One batch of {@link #order}: its documents, and its shelters passing {@code filter} in row order. */
    Batch read(ReportReader.Pinned pinned, List<String> ids, ReportFilter filter);

    /**
     * @param snapshot the documents of the batch's shelters only
     * @param shelters those passing the filter (retired ones never do), in row order
     */
    record Batch(ReportSnapshot snapshot, List<ShelterDoc> shelters) {
    }

    /** A programme already in memory, as one batch (tests and in-process callers). */
    static ShelterBatches of(ReportSnapshot snapshot) {
        return new ShelterBatches() {
            @Override
            public List<List<String>> order(ReportReader.Pinned pinned, Scope scope, ReportFilter filter, boolean narrow) {
                return List.of(snapshot.sheltersMatching(filter).stream().filter(s -> scope.includes(s.id))
                        .sorted(ExportRules.byPlace()).map(s -> s.id).toList());
            }

            @Override
            public Batch read(ReportReader.Pinned pinned, List<String> ids, ReportFilter filter) {
                return new Batch(snapshot, inOrder(snapshot, ids, filter));
            }
        };
    }

    /** The shelters of {@code snapshot} among {@code ids} passing {@code filter}, in the order of {@code ids}. */
    static List<ShelterDoc> inOrder(ReportSnapshot snapshot, List<String> ids, ReportFilter filter) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            position.put(ids.get(i), i);
        }
        return snapshot.sheltersMatching(filter).stream().filter(s -> position.containsKey(s.id))
                .sorted(Comparator.comparing(s -> position.get(s.id))).toList();
    }
}
