package org.shelters.agreements.shelter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.shelters.events.shelters.Corridor;

class ShelterKeyTest {

    private static ShelterKey key(String name, String state, String municipality) {
        ShelterProfile profile = new ShelterProfile(name, state, municipality, Corridor.SOUTHERN_BORDER, 50, List.of(), false);
        return ShelterKey.of(Shelter.register("s-1", profile).state());
    }

    @Test
    void namesAndMunicipalitiesAreComparedWithoutCaseAccentsOrExtraWhiteSpace() {
        ShelterKey registered = key("Albergue Señor de la Misericordia", "MX-CHP", "San Cristóbal de las Casas");

        assertThat(key("  albergue  SENOR de la\tmisericordia ", "MX-CHP", "SAN CRISTOBAL DE LAS CASAS"))
                .isEqualTo(registered);
        assertThat(key("Albergue\u00a0Señor de la Misericordia", "MX-CHP", "San Cristo\u0301bal de las  Casas"))
                .as("a no-break space and a combining accent").isEqualTo(registered);
        assertThat(registered.value()).isEqualTo("MX-CHP|san cristobal de las casas|albergue senor de la misericordia");
    }

    @Test
    void anotherStateMunicipalityOrNameIsAnotherShelter() {
        ShelterKey registered = key("Casa del Migrante", "MX-CHP", "Tapachula");

        assertThat(key("Casa del Migrante", "MX-TAB", "Tapachula")).isNotEqualTo(registered);
        assertThat(key("Casa del Migrante", "MX-CHP", "Palenque")).isNotEqualTo(registered);
        assertThat(key("Casa del Migrante 2", "MX-CHP", "Tapachula")).isNotEqualTo(registered);
        assertThat(key("Casadel Migrante", "MX-CHP", "Tapachula")).as("white space is folded, not removed")
                .isNotEqualTo(registered);
    }

    @Test
    void aSeparatorInsideATextCannotMakeTwoKeysOne() {
        assertThat(key("b", "MX-CHP", "a|x").value()).isNotEqualTo(key("x|b", "MX-CHP", "a").value());
    }
}
