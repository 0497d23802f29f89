package org.shelters.reporting.rollup;

import java.util.TreeMap;
import org.shelters.reporting.projection.ProjectionDoc;
import org.shelters.reporting.shelters.DailyArrivals;

/**
 * One shelter's reported days of one month (id {@code shelterId|YYYY-MM}): a copy of the figures
 * of its day documents, so a view that needs a window of days reads one or two documents per
 * shelter by id instead of querying the days. Written by the shelter's own partition only.
 */
public class ArrivalsMonth extends ProjectionDoc {

    public String shelterId;
    public String month;
    /** ISO date to the figures of its latest revision. */
    public TreeMap<String, DailyArrivals> days = new TreeMap<>();

    public static ArrivalsMonth empty(String id) {
        ArrivalsMonth doc = new ArrivalsMonth();
        doc.id = id;
        int bar = id.lastIndexOf('|');
        doc.shelterId = id.substring(0, bar);
        doc.month = id.substring(bar + 1);
        return doc;
    }

    public static String idOf(String shelterId, String month) {
        return shelterId + "|" + month;
    }
}
