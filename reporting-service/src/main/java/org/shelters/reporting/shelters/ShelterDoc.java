package org.shelters.reporting.shelters;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.shelters.events.shelters.Corridor;
import org.shelters.reporting.projection.ProjectionDoc;
import org.springframework.data.annotation.Transient;

/** A shelter's profile and its daily arrival figures (one entry per date, the latest revision only). */
public class ShelterDoc extends ProjectionDoc {

    public boolean registered;
    public String name;
    public String state;
    public String municipality;
    public Corridor corridor;
    public int capacity;
    public List<String> services = new ArrayList<>();
    public boolean demo;
    /**
     * Set by {@code ShelterRetired}, stamped in {@code setBy} like the profile: the shelter was
     * registered by mistake, so it and everything recorded against it leave every report. Null
     * (absent in the store, also in documents written before retirement existed) while it takes part.
     */
    public Retirement retirement;
    /** ISO date -> figures of the latest revision; filled at read time from {@link ArrivalsDoc}s, not stored here. */
    @Transient
    public TreeMap<String, DailyArrivals> arrivals = new TreeMap<>();
    /**
     * Month ({@code YYYY-MM}) -> totals of every reported month, filled at read time: from
     * {@link #arrivals} when all of them are loaded, else from the shelter's read-side document,
     * with {@link #arrivals} holding only the days a view needs.
     */
    @Transient
    public TreeMap<String, MonthTotals> months = new TreeMap<>();
    /** The latest reported day and its comparison, filled at read time like {@link #months}; null before any report. */
    @Transient
    public LatestReport latest;

    public static ShelterDoc empty(String id) {
        ShelterDoc doc = new ShelterDoc();
        doc.id = id;
        return doc;
    }

    public boolean retired() {
        return retirement != null;
    }

    /** Why and when the shelter was retired, as the event said. */
    public static class Retirement {
        public String reason;
        public LocalDate retiredOn;
    }
}
