package org.shelters.localstack.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoPartnersTest {

    @Test
    void theTwoDemoPartnersActForTheirShelterAndNoOther() {
        Map<String, String> registered = new LinkedHashMap<>();
        registered.put("Albergue Hermanos en el Camino", "id-hermanos");
        registered.put("Albergue Hogar de la Misericordia", "id-misericordia");
        registered.put("Albergue Demo Tenosique", "id-tenosique");

        assertThat(DemoPartners.sheltersByPartner(registered))
                .isEqualTo(Map.of("partner-1", List.of("id-hermanos"), "partner-2", List.of("id-misericordia")));
        assertThat(DemoPartners.partnerOf("Albergue Demo Tenosique")).isEmpty();
    }
}
