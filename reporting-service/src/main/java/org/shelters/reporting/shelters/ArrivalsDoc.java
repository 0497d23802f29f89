package org.shelters.reporting.shelters;

import org.shelters.reporting.projection.ProjectionDoc;

/**
 * The figures of one shelter and date (id {@code shelterId|date}). Kept apart from the shelter's
 * profile so a daily report rewrites a small document, not a year of them; its {@code seq} is
 * the shelter sequence of the report that wrote it, which only grows for a given shelter.
 */
public class ArrivalsDoc extends ProjectionDoc {

    public String shelterId;
    public String date;
    public DailyArrivals figures;

    public static ArrivalsDoc empty(String id) {
        ArrivalsDoc doc = new ArrivalsDoc();
        doc.id = id;
        int bar = id.lastIndexOf('|');
        doc.shelterId = id.substring(0, bar);
        doc.date = id.substring(bar + 1);
        return doc;
    }

    public static String idOf(String shelterId, String date) {
        return shelterId + "|" + date;
    }
}
