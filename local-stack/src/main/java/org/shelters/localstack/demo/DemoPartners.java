package org.shelters.localstack.demo;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The two demo shelter partners and the shelters they act for: {@code partner-1} for Albergue
 * Hermanos en el Camino, {@code partner-2} for Albergue Hogar de la Misericordia (the demo accounts
 * of identity-server/README.md). The other demo shelters have no partner account.
 */
public final class DemoPartners {

    private static final Map<String, String> PARTNER_OF_SHELTER = Map.of(
            "Albergue Hermanos en el Camino", "partner-1",
            "Albergue Hogar de la Misericordia", "partner-2");

    private DemoPartners() {
    }

    /** The demo user who acts for the shelter named {@code shelterName}, if the demo has one. */
    public static Optional<String> partnerOf(String shelterName) {
        return Optional.ofNullable(PARTNER_OF_SHELTER.get(shelterName));
    }

    /** partner user -> shelter ids, from shelter name -> shelter id (names without a partner are left out). */
    public static Map<String, List<String>> sheltersByPartner(Map<String, String> shelterIdsByName) {
        Map<String, List<String>> partners = new LinkedHashMap<>();
        shelterIdsByName.forEach((name, id) -> partnerOf(name).ifPresent(partner ->
                partners.merge(partner, List.of(id), (a, b) -> Stream.concat(a.stream(), b.stream()).toList())));
        return partners;
    }

    /**
     * On a start whose demo was loaded before: looks the partners' shelters up in agreements-service
     * (they are whatever ids that data folder holds) and publishes them, so partner sign-ins work on
     * data loaded by an earlier start too. Does nothing when the demo shelters are not there.
     */
    public static Map<String, List<String>> republish(DemoClient client, PartnerDirectory directory)
            throws IOException, InterruptedException {
        Map<String, String> idsByName = new LinkedHashMap<>();
        JsonNode page = client.get(client.agreementsUrl() + "/api/shelters?size=500");
        for (JsonNode shelter : page.path("items")) {
            String name = shelter.path("name").asString("");
            if (PARTNER_OF_SHELTER.containsKey(name)) {
                idsByName.put(name, shelter.path("shelterId").asString());
            }
        }
        Map<String, List<String>> partners = sheltersByPartner(idsByName);
        if (!partners.isEmpty()) {
            directory.publish(partners);
        }
        return partners;
    }
}
