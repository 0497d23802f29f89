package org.shelters.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class EventSchemasTest {

    private final EventSchemas schemas = EventSchemas.shared();

    @Test
    void sampleEventsCoverEveryCatalogType() {
        Set<String> sampled = SampleEvents.oneOfEach().stream().map(EventEnvelope::type).collect(Collectors.toSet());

        assertThat(EventCatalog.CURRENT.types())
                .allSatisfy(type -> assertThat(sampled).as("a sample of %s in SampleEvents", type.name())
                        .contains(type.name()));
    }

    @Test
    void everyEventTypeSerialisedByTheCodeValidatesAgainstItsSchemaAndReadsBackEqual() {
        for (EventEnvelope<?> event : SampleEvents.oneOfEach()) {
            byte[] json = EventJson.DEFAULT.write(event);

            assertThat(schemas.validate(json)).as("violations of %s", new String(json, StandardCharsets.UTF_8))
                    .isEmpty();
            assertThat(EventJson.DEFAULT.read(json)).as(event.type()).isEqualTo(event);
        }
    }

    @Test
    void aMissingPayloadFieldIsAViolationNamingTheField() {
        ObjectNode event = sample("ShelterArrivalsReported");
        data(event).remove("shelterId");

        assertThat(schemas.validate(event)).singleElement().asString()
                .contains("shelterId").contains("$.data");
    }

    @Test
    void aMissingEnvelopeIdIsAViolationNamingTheAttribute() {
        ObjectNode event = sample("AgreementSigned");
        event.remove("id");

        assertThat(schemas.validate(event)).singleElement().asString().contains("'id'");
    }

    @Test
    void anIdThatIsNotAUuidIsAViolation() {
        ObjectNode event = sample("AgreementSigned");
        event.put("id", "evt-42");

        assertThat(schemas.validate(event)).isNotEmpty().allSatisfy(v -> assertThat(v).startsWith("$.id"));
    }

    @Test
    void anEnumValueTheJavaEnumDoesNotHaveIsAViolation() {
        ObjectNode event = sample("ShelterRegistered");
        data(event).put("corridor", "SOUTH");

        assertThat(schemas.validate(event)).singleElement().asString()
                .startsWith("$.data.corridor").contains("SOUTHERN_BORDER");
    }

    @Test
    void aNegativeUnitCostOnACommitmentLineIsAViolation() {
        ObjectNode event = sample("AgreementSigned");
        ((ObjectNode) data(event).path("terms").path("commitments").get(1)).put("unitCost", -1);

        assertThat(schemas.validate(event)).singleElement().asString()
                .startsWith("$.data.terms.commitments[1].unitCost");
    }

    @Test
    void aNegativeCountIsAViolation() {
        ObjectNode event = sample("ShelterArrivalsReported");
        data(event).put("girls", -1);

        assertThat(schemas.validate(event)).singleElement().asString().startsWith("$.data.girls");
    }

    @Test
    void aStateNameInsteadOfItsIsoCodeIsAViolation() {
        ObjectNode event = sample("ShelterRegistered");
        data(event).put("state", "Chiapas");

        assertThat(schemas.validate(event)).isNotEmpty().allSatisfy(v -> assertThat(v).startsWith("$.data.state"));
    }

    @Test
    void aCurrencyThatIsNotIso4217IsAViolation() {
        ObjectNode event = sample("AgreementDrafted");
        ((ObjectNode) data(event).get("terms").get("budget")).put("currency", "US$");

        assertThat(schemas.validate(event)).singleElement().asString()
                .startsWith("$.data.terms.budget.currency");
    }

    @Test
    void aDateThatIsNotIsoIsAViolation() {
        ObjectNode event = sample("AgreementExpired");
        data(event).put("periodEnd", "31/12/2025");

        assertThat(schemas.validate(event)).isNotEmpty()
                .allSatisfy(v -> assertThat(v).startsWith("$.data.periodEnd"));
    }

    @Test
    void aWrongTypeConstantIsAViolation() {
        ObjectNode event = sample("AgreementResumed");
        event.put("dataschema", "urn:shelters:schema:AgreementSuspended:v1");

        assertThat(schemas.validate(event)).singleElement().asString().startsWith("$.dataschema");
    }

    @Test
    void aMalformedTraceparentIsAViolation() {
        ObjectNode event = sample("AgreementResumed");
        event.put("traceparent", "00-abc-def-01");

        assertThat(schemas.validate(event)).singleElement().asString().startsWith("$.traceparent");
    }

    @Test
    void aSequenceBelowOneIsAViolation() {
        ObjectNode event = sample("AgreementResumed");
        event.put("sequence", 0);

        assertThat(schemas.validate(event)).singleElement().asString().startsWith("$.sequence");
    }

    @Test
    void aSubjectThatIsNotTheAggregateIdIsAViolation() {
        ObjectNode event = sample("SuppliesDispatched");
        event.put("subject", SampleEvents.AGREEMENT_ID);

        assertThat(schemas.validate(event)).singleElement().asString()
                .startsWith("$.subject").contains("data.shipmentId");
    }

    @Test
    void anUnknownEventTypeIsAViolation() {
        ObjectNode event = sample("AgreementResumed");
        event.put("type", "AgreementReopened");

        assertThat(schemas.validate(event)).anySatisfy(v -> assertThat(v).contains("unknown event type 'AgreementReopened'"));
    }

    @Test
    void aRejectedQuantityWithoutReasonIsAViolation() {
        ObjectNode event = sample("SuppliesDelivered");
        ObjectNode damagedLine = (ObjectNode) data(event).get("lines").get(1);
        damagedLine.remove("rejectionReason");

        assertThat(schemas.validate(event)).singleElement().asString()
                .startsWith("$.data.lines[1]").contains("rejectionReason");
    }

    @Test
    void noRejectionReasonIsNeededWhenNothingIsRejected() {
        ObjectNode event = sample("SuppliesDelivered");

        assertThat(((ObjectNode) data(event).get("lines").get(0)).has("rejectionReason")).isFalse();
        assertThat(schemas.validate(event)).isEmpty();
    }

    @Test
    void acceptedPlusRejectedThatIsNotShippedIsAViolation() {
        ObjectNode event = sample("SuppliesDelivered");
        ((ObjectNode) data(event).get("lines").get(1)).put("quantityAccepted", 140);

        assertThat(schemas.validate(event)).singleElement().asString()
                .startsWith("$.data.lines[1]").contains("quantityShipped");
    }

    @Test
    void decimalQuantitiesAreComparedExactly() {
        String json = EventJson.DEFAULT.writeAsString(envelopeOf("SuppliesDelivered"))
                .replace("\"quantityShipped\":150", "\"quantityShipped\":0.3")
                .replace("\"quantityAccepted\":144", "\"quantityAccepted\":0.1")
                .replace("\"quantityRejected\":6", "\"quantityRejected\":0.2");

        assertThat(json).contains("0.3");
        assertThat(schemas.validate(json.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void aRetirementWithoutAReasonIsAViolationNamingTheField() {
        ObjectNode withoutReason = sample("ShelterRetired");
        data(withoutReason).remove("reason");
        ObjectNode blankReason = sample("ShelterRetired");
        data(blankReason).put("reason", "");

        assertThat(schemas.validate(withoutReason)).singleElement().asString().contains("reason").contains("$.data");
        assertThat(schemas.validate(blankReason)).singleElement().asString().startsWith("$.data.reason");
    }

    @Test
    void aRetirementWithoutItsIsoDateIsAViolation() {
        ObjectNode withoutDate = sample("ShelterRetired");
        data(withoutDate).remove("retiredOn");
        ObjectNode notIso = sample("ShelterRetired");
        data(notIso).put("retiredOn", "21/03/2025");

        assertThat(schemas.validate(withoutDate)).singleElement().asString().contains("retiredOn");
        assertThat(schemas.validate(notIso)).isNotEmpty().allSatisfy(v -> assertThat(v).startsWith("$.data.retiredOn"));
    }

    @Test
    void unknownAttributesAndFieldsAreAllowedForAdditiveEvolution() {
        ObjectNode event = sample("ShelterArrivalsReported");
        event.put("partitionhint", "south");
        data(event).put("nonBinary", 2);

        assertThat(schemas.validate(event)).isEmpty();
    }

    @Test
    void aShipmentWithoutLinesIsAViolation() {
        ObjectNode event = sample("ShipmentPlanned");
        data(event).set("lines", EventJson.mapper().createArrayNode());

        assertThat(schemas.validate(event)).singleElement().asString().startsWith("$.data.lines");
    }

    @Test
    void bytesThatAreNotJsonAreAViolationNotAnException() {
        assertThat(schemas.validate("{not json".getBytes(StandardCharsets.UTF_8))).singleElement().asString()
                .contains("not JSON");
        assertThat(schemas.validate("[1,2]".getBytes(StandardCharsets.UTF_8))).singleElement().asString()
                .contains("JSON object");
    }

    @Test
    void requireValidThrowsTheViolationsAsAnInvalidEvent() {
        ObjectNode event = sample("ShelterRegistered");
        data(event).remove("name");
        byte[] bytes = EventJson.mapper().writeValueAsBytes(event);

        assertThatThrownBy(() -> schemas.requireValid(bytes))
                .isInstanceOf(InvalidEventException.class).hasMessageContaining("name");
    }

    @Test
    void validatingIsCheapEnoughToRunPerConsumedRecord() {
        List<byte[]> events = SampleEvents.oneOfEach().stream().map(EventJson.DEFAULT::write).toList();
        for (int i = 0; i < 20; i++) {
            events.forEach(schemas::validate);
        }

        long start = System.nanoTime();
        int rounds = 100;
        for (int i = 0; i < rounds; i++) {
            events.forEach(event -> assertThat(schemas.validate(event)).isEmpty());
        }
        double micros = (System.nanoTime() - start) / 1_000.0 / (rounds * events.size());

        // generous bound for a loaded 2-core CI machine; typically a few tens of microseconds
        assertThat(micros).isLessThan(5_000);
    }

    @Test
    void theSharedValidatorCanBeUsedFromManyConsumerThreadsAtOnce() {
        List<byte[]> events = SampleEvents.oneOfEach().stream().map(EventJson.DEFAULT::write).toList();

        List<List<String>> results = java.util.stream.IntStream.range(0, 400).parallel()
                .mapToObj(i -> EventSchemas.shared().validate(events.get(i % events.size())))
                .toList();

        assertThat(results).allSatisfy(violations -> assertThat(violations).isEmpty());
    }

    static ObjectNode sample(String typeName) {
        return (ObjectNode) EventJson.mapper().readTree(EventJson.DEFAULT.write(envelopeOf(typeName)));
    }

    /** The sample of a type by name, not by position: the catalog grows. */
    static EventEnvelope<?> envelopeOf(String typeName) {
        return SampleEvents.oneOfEach().stream()
                .filter(e -> e.type().equals(typeName)).findFirst().orElseThrow();
    }

    static ObjectNode data(JsonNode event) {
        return (ObjectNode) event.get("data");
    }
}
