package org.shelters.reporting.rollup;

import org.shelters.reporting.projection.ProjectionDoc;

/**
 * The generation's one programme-wide document (id {@value #ID}): the recordedtime of the newest
 * event applied anywhere ({@code $max}), the asOf of an answer about the whole programme.
 */
public class ProgrammeRollup extends ProjectionDoc {

    public static final String ID = "programme";

    public static ProgrammeRollup empty(String id) {
        ProgrammeRollup doc = new ProgrammeRollup();
        doc.id = id;
        return doc;
    }
}
