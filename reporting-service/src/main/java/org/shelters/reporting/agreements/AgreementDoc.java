package org.shelters.reporting.agreements;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.agreements.TrainingTopic;
import org.shelters.reporting.projection.ProjectionDoc;

/** An agreement's current terms (amendments replace them), status and the trainings held under it. */
public class AgreementDoc extends ProjectionDoc {

    public String shelterId;
    public String programmeCode;
    public String donor;
    public String phase;
    public int year;
    public String status;
    public LocalDate signedOn;
    public LocalDate periodStart;
    public LocalDate periodEnd;
    public BigDecimal budget;
    public BigDecimal originalBudget;
    public String currency;
    public int amendments;
    public List<Commitment> commitments = new ArrayList<>();
    public List<Planned> plannedTrainings = new ArrayList<>();
    /** sessionId -> session, so a repeated session event replaces rather than adds. */
    public TreeMap<String, Session> trainings = new TreeMap<>();

    public static AgreementDoc empty(String id) {
        AgreementDoc doc = new AgreementDoc();
        doc.id = id;
        return doc;
    }

    /** Drafts commit nothing yet. */
    public boolean inForceOrWas() {
        return status != null && !"DRAFT".equals(status);
    }

    public static class Commitment {
        public String lineId;
        public SupplyCategory category;
        public String itemCode;
        public String description;
        public BigDecimal quantity;
        public String unit;
        /** Cost of one unit in the agreement's budget currency; null when the line carries none. */
        public BigDecimal unitCost;
    }

    public static class Planned {
        public TrainingTopic topic;
        public int participants;
    }

    public static class Session {
        public TrainingTopic topic;
        public LocalDate date;
        public int women;
        public int men;
    }
}
