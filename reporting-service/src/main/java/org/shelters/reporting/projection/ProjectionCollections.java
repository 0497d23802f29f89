package org.shelters.reporting.projection;

import java.util.List;

/** Names of projection collections; each generation has its own set, suffixed {@code _v<N>}. */
public final class ProjectionCollections {

    public static final String SHELTERS = "shelter_overview";
    public static final String AGREEMENTS = "agreement_fulfilment";
    public static final String ARRIVALS = "shelter_arrivals";
    public static final String SHIPMENTS = "delivery_performance";
    public static final List<String> ALL = List.of(SHELTERS, ARRIVALS, AGREEMENTS, SHIPMENTS);

    private ProjectionCollections() {
    }

    public static String name(String base, int generation) {
        return base + "_v" + generation;
    }
}
