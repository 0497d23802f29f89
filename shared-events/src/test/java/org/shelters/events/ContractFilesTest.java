package org.shelters.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.shelters.events.agreements.AgreementTerms;
import org.shelters.events.agreements.CommitmentLine;
import org.shelters.events.agreements.ConstructionWork;
import org.shelters.events.agreements.ConstructionWorkKind;
import org.shelters.events.agreements.Money;
import org.shelters.events.agreements.Period;
import org.shelters.events.agreements.PlannedTraining;
import org.shelters.events.agreements.SupplyCategory;
import org.shelters.events.agreements.TrainingTopic;
import org.shelters.events.logistics.DeliveredLine;
import org.shelters.events.logistics.RejectionReason;
import org.shelters.events.logistics.ShipmentLine;
import org.shelters.events.shelters.Corridor;
import org.shelters.events.shelters.ShelterServiceOffered;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The schema files and the AsyncAPI document stay in step with the catalog and the Java records. */
class ContractFilesTest {

    /** Schema files that are not one event type: the envelope and the shared value types. */
    private static final Set<String> SHARED_SCHEMAS = Set.of("envelope.v1.schema.json", "common.v1.schema.json");

    @Test
    void aSchemaFileExistsForEveryCatalogTypeAndEverySchemaFileBelongsToACatalogType() throws Exception {
        Set<String> expected = EventCatalog.CURRENT.types().stream()
                .map(type -> type.schemaResource().substring("schemas/".length()))
                .collect(Collectors.toSet());
        Set<String> files;
        try (Stream<Path> list = Files.list(Path.of(classpath("schemas").toURI()))) {
            files = list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }

        assertThat(files).containsAll(expected).containsAll(SHARED_SCHEMAS);
        assertThat(files).allSatisfy(file -> assertThat(expected.contains(file) || SHARED_SCHEMAS.contains(file))
                .as("%s belongs to a catalog type", file).isTrue());
    }

    @Test
    void everySchemaIdIsTheDataschemaOfItsTypeAndPinsTheTypeAndEnvelope() {
        for (EventType<?> type : EventCatalog.CURRENT.types()) {
            JsonNode schema = json(type.schemaResource());

            assertThat(schema.path("$schema").asString()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(schema.path("$id").asString()).isEqualTo(type.dataschema().toString());
            assertThat(schema.path("$ref").asString()).isEqualTo("urn:shelters:schema:envelope:v1");
            assertThat(schema.at("/properties/type/const").asString()).isEqualTo(type.name());
            assertThat(schema.at("/properties/dataschema/const").asString()).isEqualTo(type.dataschema().toString());
        }
    }

    @Test
    void everyPayloadSchemaDeclaresExactlyTheRecordComponentsAndRequiresThePrimitiveOnes() {
        for (EventType<?> type : EventCatalog.CURRENT.types()) {
            JsonNode data = json(type.schemaResource()).at("/properties/data");

            assertDescribes(data, type.payloadType());
        }
        JsonNode defs = json("schemas/common.v1.schema.json").path("$defs");
        for (Class<?> value : List.of(Money.class, Period.class, CommitmentLine.class, PlannedTraining.class,
                ConstructionWork.class, AgreementTerms.class, ShipmentLine.class, DeliveredLine.class)) {
            assertDescribes(defs.path(value.getSimpleName()), value);
        }
    }

    /**
     * A fragment-only {@code "#/$defs/..."} must be joined to the {@code urn:} base of its file, which
     * some validators cannot do (python-jsonschema 4.10); an absolute URN resolves in every one.
     */
    @Test
    void everyRefIsAnAbsoluteUrnOfAShippedSchemaAndPointsAtSomething() throws Exception {
        Map<String, JsonNode> byId = new HashMap<>();
        List<String> files;
        try (Stream<Path> list = Files.list(Path.of(classpath("schemas").toURI()))) {
            files = list.map(p -> "schemas/" + p.getFileName()).sorted().toList();
        }
        files.forEach(file -> byId.put(json(file).path("$id").asString(), json(file)));
        List<String> refs = new ArrayList<>();
        files.forEach(file -> collectRefs(json(file), file, refs));

        assertThat(refs).hasSizeGreaterThan(files.size());
        for (String fileAndRef : refs) {
            String ref = fileAndRef.substring(fileAndRef.indexOf(' ') + 1);
            int hash = ref.indexOf('#');
            String id = hash < 0 ? ref : ref.substring(0, hash);
            assertThat(id).as(fileAndRef).startsWith(SchemaId.URN_PREFIX);
            assertThat(byId).as("%s names a shipped schema's $id", fileAndRef).containsKey(id);
            if (hash >= 0) {
                assertThat(byId.get(id).at(ref.substring(hash + 1)).isMissingNode()).as("%s points at a node", fileAndRef)
                        .isFalse();
            }
        }
    }

    private static void collectRefs(JsonNode node, String file, List<String> refs) {
        if (node.isObject() && node.path("$ref").isString()) {
            refs.add(file + " " + node.path("$ref").asString());
        }
        node.forEach(child -> collectRefs(child, file, refs));
    }

    @Test
    void schemaEnumsListExactlyTheJavaEnumConstants() {
        JsonNode defs = json("schemas/common.v1.schema.json").path("$defs");
        for (Class<? extends Enum<?>> enumType : List.of(Corridor.class, ShelterServiceOffered.class,
                SupplyCategory.class, TrainingTopic.class, ConstructionWorkKind.class, RejectionReason.class)) {
            List<String> inSchema = new ArrayList<>();
            defs.path(enumType.getSimpleName()).path("enum").forEach(v -> inSchema.add(v.asString()));

            assertThat(inSchema).as(enumType.getSimpleName())
                    .containsExactly(Arrays.stream(enumType.getEnumConstants()).map(Enum::name).toArray(String[]::new));
        }
    }

    @Test
    void theAsyncApiDocumentDescribesEveryTopicWithItsDeadLetterTopicAndEveryEventType() {
        JsonNode asyncApi = asyncApi();
        String text = new String(bytes("asyncapi.yaml"), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(asyncApi.path("asyncapi").asString()).startsWith("3.");
        Set<String> addresses = new HashSet<>();
        asyncApi.path("channels").forEach(channel -> addresses.add(channel.path("address").asString()));
        Set<String> expectedAddresses = new HashSet<>();
        for (Topic<?> topic : Topics.ALL) {
            expectedAddresses.add(topic.name());
            expectedAddresses.add(topic.deadLetterTopic());
        }
        assertThat(addresses).isEqualTo(expectedAddresses);

        for (EventType<?> type : EventCatalog.CURRENT.types()) {
            assertThat(text).contains(type.name());
            JsonNode message = asyncApi.at("/components/messages/" + type.name());
            assertThat(message.at("/payload/schema/$ref").asString()).as(type.name())
                    .isEqualTo("./" + type.schemaResource());
            assertThat(classpath(type.schemaResource())).isNotNull();
            JsonNode channel = channelWithAddress(asyncApi, type.topic().name());
            assertThat(channel.at("/messages/" + type.name() + "/$ref").asString()).as(type.name())
                    .isEqualTo("#/components/messages/" + type.name());
        }
    }

    @Test
    void theAsyncApiOperationsSayWhichServiceSendsAndReceivesWhichTopic() {
        JsonNode asyncApi = asyncApi();
        Set<String> operations = new HashSet<>();
        asyncApi.path("operations").forEach(op -> {
            String channelRef = op.at("/channel/$ref").asString();
            JsonNode channel = asyncApi.at(channelRef.substring(1));
            operations.add(op.path("x-service").asString() + " " + op.path("action").asString() + " "
                    + channel.path("address").asString());
            op.path("messages").forEach(m -> assertThat(asyncApi.at(m.path("$ref").asString().substring(1)).isMissingNode())
                    .as(m.toString()).isFalse());
        });

        assertThat(operations).contains(
                "agreements-service send shelters.v1",
                "agreements-service send agreements.v1",
                "logistics-service receive agreements.v1",
                "logistics-service send logistics.v1",
                "reporting-service receive shelters.v1",
                "reporting-service receive agreements.v1",
                "reporting-service receive logistics.v1",
                "agreements-service receive logistics.v1",
                // its own shelter events, only for the arrivals read-back
                "agreements-service receive shelters.v1");
        assertThat(operations).noneMatch(op -> op.startsWith("agreements-service receive agreements"));
    }

    private static void assertDescribes(JsonNode schema, Class<?> record) {
        Set<String> components = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toSet());
        Set<String> properties = new HashSet<>(schema.path("properties").propertyNames());
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asString()));

        assertThat(schema.path("type").asString()).as(record.getSimpleName()).isEqualTo("object");
        assertThat(properties).as("properties of %s", record.getSimpleName()).isEqualTo(components);
        assertThat(properties).as("required of %s", record.getSimpleName()).containsAll(required);
        // EventJson refuses a missing primitive (FAIL_ON_NULL_FOR_PRIMITIVES); the schema must say so too
        for (RecordComponent component : record.getRecordComponents()) {
            if (component.getType().isPrimitive()) {
                assertThat(required).as("%s.%s is required", record.getSimpleName(), component.getName())
                        .contains(component.getName());
            }
        }
    }

    private static JsonNode channelWithAddress(JsonNode asyncApi, String address) {
        for (JsonNode channel : asyncApi.path("channels")) {
            if (channel.path("address").asString().equals(address)) {
                return channel;
            }
        }
        throw new AssertionError("no channel " + address);
    }

    private static JsonNode asyncApi() {
        return new YAMLMapper().readTree(bytes("asyncapi.yaml"));
    }

    private static JsonNode json(String resource) {
        return EventJson.mapper().readTree(bytes(resource));
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = ContractFilesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static java.net.URL classpath(String resource) {
        return ContractFilesTest.class.getClassLoader().getResource(resource);
    }
}
