package org.shelters.reporting.rollup;

import org.shelters.reporting.Projections;
import org.shelters.reporting.projection.Generations;
import org.shelters.reporting.projection.ProjectionStore;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Creates every projection's secondary indexes ({@link org.shelters.reporting.projection.Projection#indexes})
 * in a generation: the live ones at start-up, a rebuild's and a knownAt replay's before they are
 * filled. Creating an index that exists is a no-op, so every instance may do it.
 */
@Component
public class ProjectionIndexes {

    private final ProjectionStore store;
    private final Generations generations;

    public ProjectionIndexes(ProjectionStore store, Generations generations) {
        this.store = store;
        this.generations = generations;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void live() {
        generations.read().written().forEach(this::ensure);
    }

    public void ensure(int generation) {
        Projections.DOCUMENTS.forEach(documents -> store.ensureIndexes(documents, generation));
    }
}
