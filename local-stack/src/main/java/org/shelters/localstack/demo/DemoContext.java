package org.shelters.localstack.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What earlier demo steps created, for later steps to build on. */
public final class DemoContext {

    /** The day the demo is loaded; demo dates are relative to it. */
    private final LocalDate today;
    /** shelterId -> ISO 3166-2 state code, in registration order. */
    private final Map<String, String> shelters = new LinkedHashMap<>();
    /** agreementId -> status as the agreements demo left it (SIGNED, DRAFT, TERMINATED, AMENDED, ...). */
    private final Map<String, String> agreements = new LinkedHashMap<>();
    /** agreementId -> shelterId. */
    private final Map<String, String> agreementShelter = new LinkedHashMap<>();
    private final List<String> shipments = new ArrayList<>();
    private final PartnerDirectory partners;

    public DemoContext(LocalDate today, PartnerDirectory partners) {
        this.today = today;
        this.partners = partners;
    }

    /** Where the shelters of the demo partner accounts are published once they are registered. */
    public PartnerDirectory partners() {
        return partners;
    }

    public LocalDate today() {
        return today;
    }

    public Map<String, String> shelters() {
        return shelters;
    }

    public Map<String, String> agreements() {
        return agreements;
    }

    public Map<String, String> agreementShelter() {
        return agreementShelter;
    }

    public List<String> shipments() {
        return shipments;
    }
}
