package org.shelters.events.agreements;

/** The five kinds of supplies a cooperation agreement commits. */
public enum SupplyCategory {
    MEDICINES, MEDICAL_SUPPLIES, MEDICAL_EQUIPMENT, HYGIENE_PRODUCTS, CONSTRUCTION_MATERIALS
}
