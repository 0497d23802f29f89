package org.shelters.reporting.shelters;

/** Aggregate counts of one shelter and date; never personal data. */
public class DailyArrivals {

    public int revision;
    public int arrivals;
    public int women;
    public int men;
    public int girls;
    public int boys;
    public int unaccompaniedChildren;
    public int olderPersons;
    public int reportedKidnapOrTraffickingVictims;
    public int overnightOccupancy;
}
