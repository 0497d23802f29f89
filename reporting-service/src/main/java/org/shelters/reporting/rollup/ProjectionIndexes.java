package org.shelters.reporting.rollup;

import jakarta.annotation.PostConstruct;
import org.shelters.reporting.Projections;
import org.shelters.reporting.projection.Generations;
import org.shelters.reporting.projection.ProjectionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Creates every projection's secondary indexes ({@link org.shelters.reporting.projection.Projection#indexes})
 * in a generation: the live ones at start-up, a rebuild's and a knownAt replay's before they are
 * filled. Creating an index that exists is a no-op, so every instance may do it. At start-up it
 * also derives the read-side documents of a live generation written before they existed
 * ({@link ReadModels#backfill}); the live handlers depend on this bean, so that runs before they consume.
 */
@Component
public class ProjectionIndexes {

    private static final Logger log = LoggerFactory.getLogger(ProjectionIndexes.class);

    private final ProjectionStore store;
    private final Generations generations;
    private final ReadModels readModels;

    public ProjectionIndexes(ProjectionStore store, Generations generations, ReadModels readModels) {
        this.store = store;
        this.generations = generations;
        this.readModels = readModels;
    }

    @PostConstruct
    public void live() {
        for (int generation : generations.read().written()) {
            ensure(generation);
            long derived = readModels.backfill(generation);
            if (derived > 0) {
                log.info("generation {}: read-side documents derived from its {} documents (written before they existed)",
                        generation, derived);
            }
        }
    }

    public void ensure(int generation) {
        Projections.DOCUMENTS.forEach(documents -> store.ensureIndexes(documents, generation));
    }
}
