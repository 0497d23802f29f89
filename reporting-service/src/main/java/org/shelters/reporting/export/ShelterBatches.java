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
 * Where an export reads its shelters: first their order (state name, municipality and shelter
 * name as Spanish sorts them, {@link ExportRules#byPlace()}) from small keys, cut into batches,
 * then one batch at a time with all its documents. An export holds the keys and one batch, never
 * the programme ({@link StoredShelterBatches}).
 */
public interface ShelterBatches {

    /**
     * The shelters in {@code scope} an export may list, in row order, in batches.
     *
     * @param narrow whether shelters that cannot pass {@code filter} may be left out already (by
     *               state, corridor, donor, phase or category); false: every shelter of the scope,
     *               for a file that says when the newest of their documents was recorded (IATI)
     */
    Reading open(ReportReader.Pinned pinned, Scope scope, ReportFilter filter, boolean narrow);

    /** An export's shelters in batches, in row order. */
    interface Reading {

        int batches();

        /** Batch {@code index} (from 0), read now. */
        Batch read(int index);
    }

    /**
     * @param snapshot the documents of the batch's shelters only
     * @param shelters those passing the filter (retired ones never do), in row order
     */
    record Batch(ReportSnapshot snapshot, List<ShelterDoc> shelters) {
    }

    /** A programme already in memory, as one batch (tests and in-process callers). */
    static ShelterBatches of(ReportSnapshot snapshot) {
        return (pinned, scope, filter, narrow) -> new Reading() {
            @Override
            public int batches() {
                return 1;
            }

            @Override
            public Batch read(int index) {
                return new Batch(snapshot, snapshot.sheltersMatching(filter).stream().filter(s -> scope.includes(s.id))
                        .sorted(ExportRules.byPlace()).toList());
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
