package org.shelters.reporting.shelters;

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
    /** ISO date -> figures of the latest revision; filled at read time from {@link ArrivalsDoc}s, not stored here. */
    @Transient
    public TreeMap<String, DailyArrivals> arrivals = new TreeMap<>();

    public static ShelterDoc empty(String id) {
        ShelterDoc doc = new ShelterDoc();
        doc.id = id;
        return doc;
    }
}
